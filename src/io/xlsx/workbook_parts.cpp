#include "io/xlsx/workbook_parts.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <pugixml.hpp>

#include "io/xlsx/element_stream.hpp"
#include "io/xlsx/ooxml.hpp"

namespace pitwall::io::xlsx {

namespace {

constexpr size_t kMaxSmallPart = 64u << 20;   // workbook, relationships, styles
constexpr size_t kMaxStringItem = 16u << 20;  // one shared string
// Excel's sheets hold at most 1,048,576 rows: 32M distinct strings and 1 GiB of their text are
// far beyond a real export, and keep a hostile file from taking memory without bound.
constexpr size_t kMaxSharedStrings = size_t{32} << 20;
constexpr size_t kMaxSharedText = size_t{1} << 30;

struct Relationship {
  std::string type;    // last segment of the type URI: "worksheet", "sharedStrings", ...
  std::string target;  // resolved part name
};

core::Error part_error(const ZipArchive& zip, std::string_view part, std::string_view what) {
  core::Error error = core::invalid_input(fmt::format("part {}: {}", part, what));
  error.at_file(zip.display_name());
  return error;
}

core::Status parse_part(ZipArchive& zip, std::string_view part, std::string& text,
                        pugi::xml_document& doc) {
  text = TRY(zip.read(part, kMaxSmallPart));
  pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(text.data(), text.size(), kXmlParseFlags, pugi::encoding_utf8);
  if (!parsed) {
    return part_error(
        zip, part,
        fmt::format("malformed XML at byte {}: {}", parsed.offset, parsed.description()));
  }
  return {};
}

std::string directory_of(std::string_view part) {
  size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// A relationship target made absolute: relative to the source part's folder unless it starts
// with '/'; "." and ".." segments resolved.
std::string resolve_target(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& segment : segments) out += (out.empty() ? "" : "/") + segment;
  return out;
}

// Relationships of `source_part` by id; empty when it has no relationships part.
core::Result<std::map<std::string, Relationship>> read_relationships(ZipArchive& zip,
                                                                     std::string_view source) {
  std::string dir = directory_of(source);
  std::string rels = dir + "_rels/" + std::string(source.substr(dir.size())) + ".rels";
  std::map<std::string, Relationship> out;
  if (!zip.contains(rels)) return out;
  std::string text;
  pugi::xml_document doc;
  TRY(parse_part(zip, rels, text, doc));
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || local_name(r.name()) != "Relationship") continue;
    if (std::string_view(attribute_named(r, "TargetMode")) == "External") continue;
    std::string_view type = attribute_named(r, "Type");
    type = type.substr(type.rfind('/') + 1);  // npos + 1 == 0: the whole type
    out.emplace(attribute_named(r, "Id"),
                Relationship{std::string(type), resolve_target(dir, attribute_named(r, "Target"))});
  }
  return out;
}

core::Result<std::string> find_workbook_part(ZipArchive& zip) {
  auto package = TRY(read_relationships(zip, ""));
  for (const auto& [id, relationship] : package) {
    if (relationship.type == "officeDocument" && zip.contains(relationship.target)) {
      return relationship.target;
    }
  }
  if (zip.contains("xl/workbook.xml")) return std::string("xl/workbook.xml");
  core::Error error =
      core::invalid_input("not an XLSX workbook (the zip archive has no xl/workbook.xml part)");
  error.at_file(zip.display_name());
  return error;
}

bool is_true(std::string_view value) { return value == "1" || value == "true"; }

}  // namespace

core::Result<WorkbookInfo> read_workbook_info(ZipArchive& zip) {
  std::string part = TRY(find_workbook_part(zip));
  auto relationships = TRY(read_relationships(zip, part));
  std::string text;
  pugi::xml_document doc;
  TRY(parse_part(zip, part, text, doc));
  pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "workbook") {
    return part_error(zip, part, "expected a <workbook> element");
  }
  WorkbookInfo info;
  info.date1904 = is_true(attribute_named(child_named(root, "workbookPr"), "date1904"));
  pugi::xml_node sheets = child_named(root, "sheets");
  std::string dir = directory_of(part);
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || local_name(s.name()) != "sheet") continue;
    SheetInfo sheet;
    sheet.name = attribute_named(s, "name");
    auto it = relationships.find(attribute_named(s, "id"));
    if (it != relationships.end()) {
      sheet.part = it->second.target;
      sheet.is_worksheet = it->second.type == "worksheet";
    } else if (relationships.empty()) {  // no relationships at all: the conventional name
      sheet.part = fmt::format("{}worksheets/sheet{}.xml", dir, info.sheets.size() + 1);
      sheet.is_worksheet = true;
    }
    info.sheets.push_back(std::move(sheet));
  }
  for (const auto& [id, relationship] : relationships) {
    if (relationship.type == "sharedStrings") info.shared_strings_part = relationship.target;
    if (relationship.type == "styles") info.styles_part = relationship.target;
  }
  if (info.shared_strings_part.empty() && zip.contains(dir + "sharedStrings.xml")) {
    info.shared_strings_part = dir + "sharedStrings.xml";
  }
  if (info.styles_part.empty() && zip.contains(dir + "styles.xml")) {
    info.styles_part = dir + "styles.xml";
  }
  return info;
}

bool is_date_format(int id, std::string_view code) {
  if (code.empty()) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
  }
  for (size_t i = 0; i < code.size(); ++i) {
    switch (code[i]) {
      case '"':
        i = code.find('"', i + 1);
        break;  // quoted literal text
      case '[':
        i = code.find(']', i + 1);
        break;  // colour, locale, condition, [h]
      case '\\':
      case '_':
      case '*':
        ++i;
        break;  // escaped, padding, fill character
      case 'y':
      case 'Y':
      case 'm':
      case 'M':
      case 'd':
      case 'D':
      case 'h':
      case 'H':
      case 's':
      case 'S':
        return true;
      default:
        break;
    }
    if (i == std::string_view::npos) return false;
  }
  return false;
}

core::Result<std::vector<bool>> read_date_styles(ZipArchive& zip, std::string_view part) {
  std::string text;
  pugi::xml_document doc;
  TRY(parse_part(zip, part, text, doc));
  pugi::xml_node root = doc.document_element();
  std::map<int, std::string_view> codes;
  for (pugi::xml_node f = child_named(root, "numFmts").first_child(); f; f = f.next_sibling()) {
    if (f.type() != pugi::node_element) continue;
    codes[f.attribute("numFmtId").as_int(-1)] = f.attribute("formatCode").value();
  }
  std::vector<bool> dates;
  for (pugi::xml_node xf = child_named(root, "cellXfs").first_child(); xf; xf = xf.next_sibling()) {
    if (xf.type() != pugi::node_element || local_name(xf.name()) != "xf") continue;
    int id = xf.attribute("numFmtId").as_int(0);
    auto it = codes.find(id);
    dates.push_back(is_date_format(id, it == codes.end() ? std::string_view() : it->second));
  }
  return dates;
}

core::Result<SharedStrings> read_shared_strings(ZipArchive& zip, std::string_view part) {
  SharedStrings strings;
  auto items = TRY(ElementStream::open(zip, part, "si", kMaxStringItem));
  pugi::xml_document doc;
  std::span<char> element;
  while (TRY(items.next(element))) {
    pugi::xml_parse_result parsed = doc.load_buffer_inplace(element.data(), element.size(),
                                                            kXmlParseFlags, pugi::encoding_utf8);
    if (!parsed) {
      return part_error(
          zip, part,
          fmt::format("malformed string item {}: {}", strings.size(), parsed.description()));
    }
    size_t start = strings.text_.size();
    append_string_item(doc.document_element(), strings.text_);
    if (!is_valid_utf8(std::string_view(strings.text_).substr(start))) {
      return part_error(zip, part, fmt::format("string item {} is not UTF-8", strings.size()));
    }
    strings.offsets_.push_back(strings.text_.size());
    if (strings.size() > kMaxSharedStrings || strings.text_.size() > kMaxSharedText) {
      return part_error(zip, part,
                        fmt::format("more than {} shared strings or {} bytes of them: a workbook "
                                    "this size cannot be read (save it as CSV)",
                                    kMaxSharedStrings, kMaxSharedText));
    }
  }
  return strings;
}

}  // namespace pitwall::io::xlsx
