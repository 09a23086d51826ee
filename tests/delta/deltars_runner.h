#pragma once

// Runs tests/delta/deltars_dump.py with the interop venv's python.

#include <stdio.h>

#include <array>
#include <cstdlib>
#include <string>

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

}  // namespace salesflow::delta::testing
