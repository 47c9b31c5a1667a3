#pragma once
// ZipBuilder: writes a zip archive into a string, so tests and the fuzzers can craft workbooks
// part by part (inline strings, x: prefixes, missing r attributes) without committing binary
// files. Entries are stored, or deflated as Excel writes them (add_deflated; needs zlib), and a
// CRC can be written wrong on purpose. Header-only.

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitwall::testing {

class ZipBuilder {
 public:
  ZipBuilder& add(std::string name, std::string content) {
    entries_.push_back({std::move(name), std::move(content), false, 0});
    return *this;
  }
  // Adds an entry compressed with raw deflate (method 8); `crc_xor` != 0 writes its CRC wrong.
  ZipBuilder& add_deflated(std::string name, std::string content, uint32_t crc_xor = 0) {
    entries_.push_back({std::move(name), std::move(content), true, crc_xor});
    return *this;
  }

  std::string build() const {
    std::string out;
    std::string directory;
    for (const Entry& e : entries_) {
      const std::string& name = e.name;
      const std::string& content = e.content;
      uint32_t offset = static_cast<uint32_t>(out.size());
      uint32_t crc = crc32(content) ^ e.crc_xor;
      std::string data = e.deflate ? deflate_raw(content) : content;
      uint16_t method = e.deflate ? 8 : 0;
      // Local file header: version 20, no flags, the method, time 0, date 1980-01-01.
      put32(out, 0x04034b50);
      put16(out, 20), put16(out, 0), put16(out, method), put16(out, 0), put16(out, 0x21);
      put32(out, crc), put32(out, size(data)), put32(out, size(content));
      put16(out, static_cast<uint16_t>(name.size())), put16(out, 0);
      out += name;
      out += data;
      put32(directory, 0x02014b50);
      put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, method);
      put16(directory, 0), put16(directory, 0x21);
      put32(directory, crc), put32(directory, size(data)), put32(directory, size(content));
      put16(directory, static_cast<uint16_t>(name.size()));
      put16(directory, 0), put16(directory, 0), put16(directory, 0), put16(directory, 0);
      put32(directory, 0), put32(directory, offset);
      directory += name;
    }
    uint32_t directory_offset = static_cast<uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0), put16(out, 0);
    put16(out, static_cast<uint16_t>(entries_.size()));
    put16(out, static_cast<uint16_t>(entries_.size()));
    put32(out, size(directory)), put32(out, directory_offset);
    put16(out, 0);
    return out;
  }

  static std::string deflate_raw(const std::string& in) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
  }

  static uint32_t crc32(std::string_view data) {
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : data) {
      crc ^= byte;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  }

 private:
  static uint32_t size(const std::string& s) { return static_cast<uint32_t>(s.size()); }
  static void put16(std::string& out, uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
  }
  static void put32(std::string& out, uint32_t v) {
    put16(out, static_cast<uint16_t>(v & 0xFFFF));
    put16(out, static_cast<uint16_t>(v >> 16));
  }

  struct Entry {
    std::string name;
    std::string content;
    bool deflate = false;
    uint32_t crc_xor = 0;
  };
  std::vector<Entry> entries_;
};

// A minimal workbook: one sheet per (name, sheetData XML) pair, optional shared strings and
// styles XML, and the 1904 date system when asked. Parts are as Excel names them.
struct WorkbookParts {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, <sheetData> inner XML
  std::string shared_strings;                               // <si> items, or "" for none
  std::string styles;                                       // whole styles.xml, or ""
  bool date1904 = false;
  std::string prefix;  // namespace prefix for SpreadsheetML elements, e.g. "x:"
};

inline std::string build_workbook(const WorkbookParts& parts) {
  const std::string p = parts.prefix;
  const std::string ns = p.empty() ? "xmlns" : "xmlns:" + p.substr(0, p.size() - 1);
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  ZipBuilder zip;
  zip.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
  zip.add("_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" +
              rel +
              "/officeDocument\" "
              "Target=\"xl/workbook.xml\"/></Relationships>");
  std::string workbook = "<" + p + "workbook " + ns + "=\"" + main + "\" xmlns:r=\"" + rel + "\">";
  if (parts.date1904) workbook += "<" + p + "workbookPr date1904=\"1\"/>";
  workbook += "<" + p + "sheets>";
  std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < parts.sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    workbook += "<" + p + "sheet name=\"" + parts.sheets[i].first + "\" sheetId=\"" + n +
                "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + rel +
            "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    zip.add("xl/worksheets/sheet" + n + ".xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + p +
                                                    "worksheet " + ns + "=\"" + main + "\"><" + p +
                                                    "sheetData>" + parts.sheets[i].second + "</" +
                                                    p + "sheetData></" + p + "worksheet>");
  }
  workbook += "</" + p + "sheets></" + p + "workbook>";
  if (!parts.shared_strings.empty()) {
    rels += "<Relationship Id=\"rIdS\" Type=\"" + rel +
            "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    zip.add("xl/sharedStrings.xml", "<" + p + "sst " + ns + "=\"" + main + "\">" +
                                        parts.shared_strings + "</" + p + "sst>");
  }
  if (!parts.styles.empty()) {
    rels += "<Relationship Id=\"rIdT\" Type=\"" + rel + "/styles\" Target=\"/xl/styles.xml\"/>";
    zip.add("xl/styles.xml", parts.styles);
  }
  rels += "</Relationships>";
  zip.add("xl/workbook.xml", workbook);
  zip.add("xl/_rels/workbook.xml.rels", rels);
  return zip.build();
}

}  // namespace pitwall::testing
