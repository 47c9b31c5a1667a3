// pitwall init / campaign add / import / imports as a user runs them (issue 3 "Done when").
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli/cli_harness.hpp"
#include "io/encoding/gb18030.hpp"
#include "io/json/json.hpp"

namespace pitwall::testing {
namespace {

const std::string kExamples = std::string(PITWALL_SOURCE_DIR) + "/examples";

// A new workspace with its first HQ user (the bootstrap), whom the next commands act as.
std::string new_workspace(const std::string& name) {
  std::string ws = fresh_folder(name);
  act_as("");
  EXPECT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  EXPECT_EQ(run_pitwall({"-w", ws, "user", "add", "hq", "--role", "hq"}).exit_code, 0);
  act_as("hq");
  EXPECT_EQ(run_pitwall({"-w", ws, "campaign", "add", kExamples + "/campaign.toml"}).exit_code, 0);
  return ws;
}

TEST(ImportCli, Gb18030OrdersLoadGoodRowsAndNameBadOnes) {
  std::string ws = new_workspace("gbk");
  auto r = run_pitwall({"-w", ws, "import", "orders", kExamples + "/orders-gbk.csv", "--campaign",
                        "2023-spring-renewal"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The four planted bad rows (lines 42-45 of the file), by line and column as the file writes it.
  EXPECT_NE(
      r.err.find("orders-gbk.csv:42: 下单时间 (created_at): cannot read \"2023-13-01 10:00\""),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("orders-gbk.csv:43: 实付金额 (paid_amount)"), std::string::npos);
  EXPECT_NE(r.err.find("orders-gbk.csv:44: 订单状态 (status)"), std::string::npos);
  EXPECT_NE(r.err.find("orders-gbk.csv:45: 客户ID (customer_id)"), std::string::npos);

  auto listed = run_pitwall({"-w", ws, "imports", "--json"});
  ASSERT_EQ(listed.exit_code, 0);
  auto doc = io::Json::parse(listed.out).release_value();
  ASSERT_EQ(doc.size(), 1u);
  const auto& batch = doc.items()[0];
  EXPECT_EQ(batch.get_string("kind"), "orders");
  EXPECT_EQ(batch.get_int("rows_read"), 44);
  EXPECT_EQ(batch.get_int("loaded"), 40);
  EXPECT_EQ(batch.get_int("rejected"), 4);
  EXPECT_EQ(batch.get_string("file"), "orders-gbk.csv");
  EXPECT_EQ(batch.get_string("sha256").size(), 64u);
  // The original is kept byte for byte, and the report holds every error.
  EXPECT_TRUE(std::filesystem::exists(ws + "/" + batch.get_string("original")));
  EXPECT_EQ(std::filesystem::file_size(ws + "/" + batch.get_string("original")),
            std::filesystem::file_size(kExamples + "/orders-gbk.csv"));
}

// The count of each kind of row error in the reader's words (issue 23), one line per kind.
TEST(ImportCli, ErrorCountsByKindAreInWords) {
  std::string ws = new_workspace("gbk-words");
  auto r = run_pitwall({"-w", ws, "--lang", "zh", "import", "orders", kExamples + "/orders-gbk.csv",
                        "--campaign", "2023-spring-renewal"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("按类型统计：\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n         1  下单时间：应为日期时间\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n         1  实付金额：应为金额\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n         1  订单状态：应为订单状态词\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("created_at: date-time"), std::string::npos) << r.err;
}

TEST(ImportCli, SameBytesAreRefusedUnlessForced) {
  std::string ws = new_workspace("again");
  std::vector<std::string> import = {"-w", ws, "import", "stores", kExamples + "/stores.csv"};
  ASSERT_EQ(run_pitwall(import).exit_code, 0);
  auto again = run_pitwall(import);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already imported as batch 1"), std::string::npos) << again.err;
  import.push_back("--force");
  EXPECT_EQ(run_pitwall(import).exit_code, 0);
}

TEST(ImportCli, PerCampaignKindsNeedACampaign) {
  std::string ws = new_workspace("nocampaign");
  auto r = run_pitwall({"-w", ws, "import", "orders", kExamples + "/orders-gbk.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--campaign"), std::string::npos);
}

TEST(ImportCli, XlsxStaffList) {
  std::string ws = new_workspace("xlsx");
  auto r = run_pitwall({"-w", ws, "import", "staff", kExamples + "/staff.xlsx", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = io::Json::parse(r.out).release_value();
  EXPECT_EQ(doc.get_int("loaded"), 16);
  EXPECT_EQ(doc.get_int("rejected"), 0);
}

// The stored batch (column files, pool, kept original, error report) and the errors on screen
// are the same bytes whether one or two threads parse the file.
TEST(ImportCli, TwoThreadsStoreTheSameBatchAsOne) {
  std::string utf8 = "订单号,客户ID,门店编码,订单状态,下单时间,实付金额,地址\n";
  for (int i = 0; i < 3000; ++i) {
    std::string address = i % 4 == 0 ? "\"朝阳区\n" + std::to_string(i) + "号\"" : "浦东";
    std::string amount = i % 97 == 3 ? "1.2.3" : std::to_string(i % 500) + ".50";
    std::string status = i % 151 == 8 ? "已飞走" : "已支付";
    utf8 += "O" + std::to_string(i) + ",C" + std::to_string(i % 300) + ",S00" +
            std::to_string(i % 4) + "," + status + ",2023-03-06 09:30," + amount + "," + address +
            "\n";
  }
  std::string folder = fresh_folder("threads-file");
  std::filesystem::create_directories(folder);
  std::string file = folder + "/orders-gb.csv";
  write_bytes(file, io::utf8_to_gb18030(utf8).release_value());
  auto stored = [&](const std::string& threads) {
    std::string ws = new_workspace("threads-" + threads);
    auto r = run_pitwall({"-w", ws, "import", "orders", file, "--campaign", "2023-spring-renewal",
                          "--threads", threads, "--chunk-bytes", "5000"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string kept;
    std::istringstream lines(fingerprint(ws));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("batches/", 0) == 0 || line.rfind("files/", 0) == 0 ||
          line.rfind("reports/", 0) == 0) {
        kept += line + "\n";
      }
    }
    return std::make_pair(kept, r.err);
  };
  auto one = stored("1");
  auto two = stored("2");
  EXPECT_NE(one.first.find("batches/1/pool.str"), std::string::npos) << one.first;
  EXPECT_NE(one.first.find("reports/1-errors.txt"), std::string::npos) << one.first;
  EXPECT_EQ(one.first, two.first);
  EXPECT_EQ(one.second, two.second);
  // Bad amounts: i % 97 == 3 (31 rows); bad status: i % 151 == 8 (20 rows); none both. The
  // first bad row is row 3: row 0 takes lines 2-3 (its address holds a line break), rows 1 and
  // 2 lines 4 and 5, so row 3 starts on line 6.
  EXPECT_NE(one.second.find("orders-gb.csv:6: 实付金额 (paid_amount)"), std::string::npos)
      << one.second;
}

// A killed import (kill -9 in the middle) leaves the workspace exactly as before.
TEST(ImportCli, KillNineMidImportLeavesTheWorkspaceAsBefore) {
  std::string ws = new_workspace("kill");
  ASSERT_EQ(run_pitwall({"-w", ws, "import", "stores", kExamples + "/stores.csv"}).exit_code, 0);
  std::string big = ws + "-big.csv";
  {
    std::string csv = "订单号,客户ID,门店编码,订单状态,下单时间,支付时间,实付金额\n";
    csv.reserve(64u << 20);
    for (int i = 0; i < 800000; ++i) {
      csv += "O" + std::to_string(i) + ",C" + std::to_string(i % 5000) +
             ",S001,已支付,2023-03-05 10:00:00,2023-03-05 10:05:00,\"¥1,299.00\"\n";
    }
    write_bytes(big, csv);
  }
  std::string before = fingerprint(ws);

  pid_t pid = fork();
  if (pid == 0) {
    setenv("PITWALL_NOW", "2023-04-02T10:00:00+08:00", 1);
    execl(PITWALL_BINARY, PITWALL_BINARY, "-w", ws.c_str(), "import", "orders", big.c_str(),
          "--campaign", "2023-spring-renewal", "--quiet", "--as", "hq",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the import has written column data, then kill it without warning.
  bool writing = false;
  for (int i = 0; i < 2000 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(ws + "/tmp", ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->file_size(ec) > 0) writing = true;
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(writing) << "the import finished before it could be killed";
  ASSERT_TRUE(WIFSIGNALED(status));

  // Opening the workspace again removes what the killed import left; nothing else changed.
  auto listed = run_pitwall({"-w", ws, "imports", "--json"});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_EQ(io::Json::parse(listed.out)->size(), 1u);
  EXPECT_EQ(fingerprint(ws), before);
  EXPECT_TRUE(std::filesystem::is_empty(ws + "/tmp"));
  // And the same file imports cleanly afterwards.
  auto again = run_pitwall(
      {"-w", ws, "import", "orders", big, "--campaign", "2023-spring-renewal", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(io::Json::parse(again.out)->get_int("loaded"), 800000);
}

}  // namespace
// -w, --lang and --now are global options; users also write them after the command.
TEST(ImportCli, GlobalOptionsAreAcceptedAfterTheCommand) {
  std::string ws = fresh_folder("global-options");
  ASSERT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  CliResult zh = run_pitwall({"imports", "-w", ws, "--lang", "zh"});
  EXPECT_EQ(zh.exit_code, 0) << zh.err;
  CliResult before = run_pitwall({"-w", ws, "--lang", "zh", "imports"});
  EXPECT_EQ(zh.out, before.out);
  // An unknown option still fails as wrong usage (exit code 2).
  EXPECT_EQ(run_pitwall({"imports", "-w", ws, "--no-such-option"}).exit_code, 2);
}

}  // namespace pitwall::testing

namespace pitwall::testing {
namespace {

// Issue 22: a file name saved in GB18030 made `imports --json` print invalid UTF-8, and control
// characters in names printed raw. Names are stored as printable text: \xNN for such bytes.
TEST(ImportCli, Issue22FileNamesAreStoredAndPrintedSafely) {
  std::string ws = new_workspace("odd-names");
  std::string dir = fresh_folder("odd-names-files");
  std::filesystem::create_directories(dir);
  std::string path = dir + "/\xB6\xA9\xB5\xA5\n\x1B[31m.csv";  // 订单 in GB18030, LF, ESC
  std::filesystem::copy_file(kExamples + "/stores.csv", path);
  auto r = run_pitwall({"-w", ws, "import", "stores", path, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::Json listed = json_of(run_pitwall({"-w", ws, "imports", "--json"}));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.items()[0].get_string("file"), "\\xB6\\xA9\\xB5\\xA5\\x0A\\x1B[31m.csv");
  std::string text = run_pitwall({"-w", ws, "imports"}).out;
  EXPECT_EQ(text.find('\x1B'), std::string::npos);
  EXPECT_NE(text.find("\\x1B[31m.csv"), std::string::npos) << text;
}

}  // namespace
}  // namespace pitwall::testing
