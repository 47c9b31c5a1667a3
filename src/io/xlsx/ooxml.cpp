#include "io/xlsx/ooxml.hpp"

#include <cstdint>
#include <cstring>
#include <pugixml.hpp>

namespace pitwall::io::xlsx {

const unsigned kXmlParseFlags =
    pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol | pugi::parse_ws_pcdata_single;

std::string_view local_name(const char* qualified) {
  std::string_view name(qualified);
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && local_name(node.name()) == name) return node;
  }
  return pugi::xml_node();
}

const char* attribute_named(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a.value();
  }
  return "";
}

void append_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node text = node.first_child(); text; text = text.next_sibling()) {
    if (text.type() == pugi::node_pcdata || text.type() == pugi::node_cdata) {
      out.append(text.value());
    }
  }
}

void append_string_item(const pugi::xml_node& item, std::string& out) {
  size_t start = out.size();
  for (pugi::xml_node part = item.first_child(); part; part = part.next_sibling()) {
    if (part.type() != pugi::node_element) continue;
    std::string_view name = local_name(part.name());
    if (name == "t") {
      append_text(part, out);
    } else if (name == "r") {
      if (pugi::xml_node t = child_named(part, "t")) append_text(t, out);
    }
  }
  if (out.find("_x", start) != std::string::npos) decode_xstring_escapes(out, start);
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an escape "_xHHHH_" at text[at], or -1.
int32_t escape_at(const std::string& text, size_t at) {
  if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') {
    return -1;
  }
  int32_t unit = 0;
  for (size_t i = at + 2; i < at + 6; ++i) {
    int h = hex_value(text[i]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

void append_utf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void decode_xstring_escapes(std::string& text, size_t from) {
  std::string out;
  out.reserve(text.size() - from);
  size_t i = from;
  while (i < text.size()) {
    int32_t unit = escape_at(text, i);
    if (unit < 0) {
      out.push_back(text[i++]);
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {  // a surrogate pair is written as two escapes
      int32_t low = escape_at(text, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
        i += 14;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      out.push_back(text[i++]);  // a lone surrogate is no character: keep the text
      continue;
    }
    append_utf8(static_cast<uint32_t>(unit), out);
    i += 7;
  }
  text.resize(from);
  text += out;
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4, min = 0x10000;
    } else {
      return false;
    }
    if (i + length > n) return false;
    uint32_t cp = c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace pitwall::io::xlsx
