#include <hasher/format/writer.hpp>

#include <hasher/format/bsd_format.hpp>
#include <hasher/format/csv_format.hpp>
#include <hasher/format/gnu_format.hpp>
#include <hasher/format/hashdeep_format.hpp>
#include <hasher/format/json_format.hpp>
#include <hasher/format/sfv_format.hpp>
#include <hasher/util/errors.hpp>

#include <array>

namespace hasher::format {
namespace {

constexpr std::array<std::string_view, 7> k_names{
    "bsd", "gnu", "sfv", "hashdeep", "jsonl", "json", "csv"};

} // namespace

std::span<const std::string_view> format_names() { return k_names; }

std::string_view default_format(std::size_t algorithm_count) {
  return algorithm_count == 1 ? "gnu" : "bsd";
}

std::unique_ptr<RecordWriter>
make_writer(std::string_view name, std::span<const digest::AlgorithmSpec> specs,
            std::ostream& out, Pretty pretty) {
  if (name == "bsd") return make_bsd_writer(specs, out);
  if (name == "gnu") return make_gnu_writer(specs, out);
  if (name == "sfv") return make_sfv_writer(specs, out);
  if (name == "hashdeep") return make_hashdeep_writer(specs, out);
  if (name == "jsonl") {
    return make_json_writer(specs, out, JsonLayout::lines, pretty);
  }
  if (name == "json") {
    return make_json_writer(specs, out, JsonLayout::array, pretty);
  }
  if (name == "csv") return make_csv_writer(specs, out);
  throw util::UsageError("--format: unknown format '" + std::string(name) +
                         "' (bsd, gnu, sfv, hashdeep, jsonl, json, csv)");
}

} // namespace hasher::format
