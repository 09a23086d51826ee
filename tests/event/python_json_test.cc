#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "event/generator.h"
#include "event/sale_decoder.h"
#include "event/sale_json.h"

namespace salesflow {
namespace {

std::string SourceDir() {
  const char* env = std::getenv("SALESFLOW_SOURCE_DIR");
  return env != nullptr ? env : SALESFLOW_EVENT_SOURCE_DIR;
}

// SALESFLOW_PYTHON (set by scripts/run-tests), else the venv that scripts/setup-venv prints.
std::string Python() {
  if (const char* env = std::getenv("SALESFLOW_PYTHON"); env != nullptr && *env != '\0') return env;
  const std::string command = SourceDir() + "/scripts/setup-venv";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  const size_t last_line = out.rfind('\n');
  return last_line == std::string::npos ? out : out.substr(last_line + 1);
}

// Our encoder must write what Python's json.dumps(..., ensure_ascii=False) writes, and our
// decoder must take Python's defaults (\u escapes) and real float arithmetic on amounts.
TEST(PythonJsonTest, EncoderMatchesPythonAndDecoderTakesPythonOutput) {
  const std::string python = Python();
  ASSERT_FALSE(python.empty()) << "no python: set SALESFLOW_PYTHON or run scripts/setup-venv";
  const std::filesystem::path dir = testing::TempDir();
  // The pid keeps concurrent runs from two build trees apart.
  const std::string tag = std::to_string(getpid());
  const std::filesystem::path in_path = dir / ("event_python_in_" + tag + ".tsv");
  const std::filesystem::path out_path = dir / ("event_python_out_" + tag + ".jsonl");

  SaleGeneratorOptions options;
  options.seed = 99;
  options.pace_micros = 1'234'567;  // fractional seconds too
  options.attribute_change_probability = 0.01;
  SaleGenerator gen(GenerateCatalog(300, 120, 99), options);
  std::vector<GeneratedMessage> messages(3000);
  {
    std::ofstream in(in_path);
    for (auto& m : messages) {
      gen.Next(&m);
      const Cents unit(m.sale.montant.value() / m.sale.quantite);
      in << m.payload << '\t' << FormatCents(unit) << '\t' << m.sale.quantite << '\n';
    }
  }
  const std::string script = SourceDir() + "/tests/event/python_json_roundtrip.py";
  const std::string command =
      python + " " + script + " " + in_path.string() + " " + out_path.string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  std::ifstream out(out_path);
  SaleDecoder decoder;
  std::string same, escaped, noisy;
  int noisy_texts = 0;
  for (const auto& m : messages) {
    ASSERT_TRUE(std::getline(out, same) && std::getline(out, escaped) && std::getline(out, noisy));
    EXPECT_EQ(same, m.payload);
    auto a = decoder.Decode(escaped);
    ASSERT_TRUE(a.ok()) << a.status().ToString() << "\n" << escaped;
    EXPECT_EQ(*a, m.sale);
    auto b = decoder.Decode(noisy);
    ASSERT_TRUE(b.ok()) << b.status().ToString() << "\n" << noisy;
    EXPECT_EQ(b->montant, m.sale.montant) << noisy;
    noisy_texts +=
        noisy.find("000000") != std::string::npos || noisy.find("999999") != std::string::npos;
  }
  // Python's float products really do carry noise in some messages, so the tolerance was used.
  EXPECT_GT(noisy_texts, 10);
  std::filesystem::remove(in_path);
  std::filesystem::remove(out_path);
}

}  // namespace
}  // namespace salesflow
