#pragma once
// Small helpers for reading Office Open XML parts with pugixml: names compared without their
// namespace prefix (real files write <x:row> as well as <row>), the text of string items, and
// the escapes Excel uses inside strings. For the .cpp files of io/xlsx/ only; pugixml itself is
// included by those .cpp files, never by a header.

#include <string>
#include <string_view>

namespace pugi {
class xml_node;
}

namespace pitwall::io::xlsx {

// pugixml flags for every part: entities decoded, CDATA kept, and a text node that is only
// whitespace kept when it is the only child (<t xml:space="preserve"> </t> is one space).
extern const unsigned kXmlParseFlags;

// The name without its namespace prefix: "x:row" -> "row".
std::string_view local_name(const char* qualified);

// First child element whose local name is `name`, or an empty node.
pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name);

// Value of the attribute whose local name is `name` ("r:id" matches "id"); "" when absent.
const char* attribute_named(const pugi::xml_node& node, std::string_view name);

// Appends all text (PCDATA and CDATA) directly inside `node`.
void append_text(const pugi::xml_node& node, std::string& out);

// Appends the text of a string item (<si> of the shared strings, <is> of an inline string):
// its <t>, or the <t> of each rich-text run <r>; phonetic runs (<rPh>) are not part of the text.
// Excel's _xHHHH_ escapes are decoded.
void append_string_item(const pugi::xml_node& item, std::string& out);

// Decodes _xHHHH_ escapes (ST_Xstring: "_x000D_" is a carriage return, "_x005F_" a literal '_')
// in text[from..] in place. An escape that does not name a valid character is left as written.
void decode_xstring_escapes(std::string& text, size_t from);

bool is_valid_utf8(std::string_view text);

}  // namespace pitwall::io::xlsx
