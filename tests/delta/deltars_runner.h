#pragma once

// Runs tests/delta/deltars_dump.py with the interop venv's python.

#include <stdio.h>

#include <array>
#include <cstdlib>
#include <string>

#include <simdjson.h>

#include "test_paths.h"

namespace salesflow::delta::testing {

// $SALESFLOW_PYTHON, else what scripts/setup-venv prints (creating the venv if needed).
inline std::string InteropPython() {
  if (const char* p = std::getenv("SALESFLOW_PYTHON"); p != nullptr && *p != '\0') return p;
  std::string cmd = (salesflow::testing::SourceDir() / "scripts" / "setup-venv").string();
  std::string out;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    std::array<char, 512> buf{};
    while (fgets(buf.data(), buf.size(), f) != nullptr) out += buf.data();
    ::pclose(f);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

// Single-quotes a shell argument.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs deltars_dump.py with `args` (already quoted); returns its stdout, sets *exit_code.
inline std::string RunDeltaRs(const std::string& args, int* exit_code) {
  std::string script =
      (salesflow::testing::SourceDir() / "tests" / "delta" / "deltars_dump.py").string();
  std::string cmd = ShellQuote(InteropPython()) + " " + ShellQuote(script) + " " + args;
  std::string out;
  FILE* f = ::popen(cmd.c_str(), "r");
  if (f == nullptr) {
    *exit_code = -1;
    return out;
  }
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) out.append(buf.data(), n);
  *exit_code = ::pclose(f);
  return out;
}

// What delta-rs reports of a table (deltars_dump.py info): its version and one appId's txn.
struct DeltaRsInfo {
  int64_t version = -1;  // the latest version delta-rs loads
  int64_t txn = -1;      // the txn version of the appId asked for (-1: none)
};

// Runs `deltars_dump.py info DIR APP_ID`; on failure returns the reason (with its output) in
// *error and false.
inline bool ReadDeltaRsInfo(const std::string& dir, const std::string& app_id, DeltaRsInfo* info,
                            std::string* error) {
  int exit_code = 0;
  std::string json = RunDeltaRs("info " + ShellQuote(dir) + " " + ShellQuote(app_id), &exit_code);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (exit_code != 0 || parser.parse(json).get(doc) != simdjson::SUCCESS ||
      doc["version"].get_int64().get(info->version) != simdjson::SUCCESS ||
      doc["txn"].get_int64().get(info->txn) != simdjson::SUCCESS) {
    *error =
        "deltars_dump.py info exited " + std::to_string(exit_code) + ": " + json.substr(0, 300);
    return false;
  }
  return true;
}

}  // namespace salesflow::delta::testing
