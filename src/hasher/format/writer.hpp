#pragma once

// Record writers: one class per output format of SPEC "Output formats", all
// behind this interface. Writers only format; the caller decides where the
// bytes go and when to flush.

#include <hasher/format/record.hpp>

#include <memory>
#include <ostream>
#include <span>
#include <string_view>

namespace hasher::format {

class RecordWriter {
public:
  virtual ~RecordWriter() = default;
  // Called once before the first record (headers).
  virtual void begin() {}
  // Writes one record.
  virtual void write(const FileRecord& record) = 0;
  // Called once after the last record (closing brackets).
  virtual void end() {}
};

// Names accepted by -f. `bsd` and `gnu` are the defaults with several and
// with one algorithm.
std::span<const std::string_view> format_names();

// Makes the writer for `name` printing `specs` to `out`. Throws
// util::UsageError for an unknown name or a format that cannot carry the
// algorithms (sfv without crc32). `pretty` indents json.
enum class Pretty { no, yes };
std::unique_ptr<RecordWriter>
make_writer(std::string_view name, std::span<const digest::AlgorithmSpec> specs,
            std::ostream& out, Pretty pretty = Pretty::no);

// The default format for this many algorithms.
std::string_view default_format(std::size_t algorithm_count);

} // namespace hasher::format
