#pragma once

// Hashes up to 16 files side by side on one thread, so that MD5, SHA-1 and
// SHA-256 run through the multi-buffer kernels (digest/multi): each file is a
// stream in one lane of the kernels, read in chunks into its own slice of one
// buffer; every kernel call advances all busy lanes as far as the shortest
// chunk allows, and a lane whose file ends takes the next file at once.
// Other algorithms (crc32, blake3...) eat each chunk as it is read, while it
// is in cache. A lane alone costs what the library's single-stream code
// costs, so this never loses; sixteen busy lanes hash several times faster.
// Memory is the buffer: 16 × (chunk + 192 bytes), plus one DigestSet per
// stream for the algorithms without a kernel.

#include <hasher/digest/digest_set.hpp>
#include <hasher/digest/multi/multi_buffer.hpp>
#include <hasher/io/byte_reader.hpp>
#include <hasher/pipeline/chunk_sink.hpp>
#include <hasher/pipeline/file_hasher.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace hasher::pipeline {

class MultiFileHasher {
public:
  static constexpr std::size_t k_streams = digest::multi::k_lanes;
  static constexpr std::size_t k_chunk_size = 64 * 1024;

  // Whether hashing side by side pays for `specs`: the CPU runs the kernels
  // and one of the algorithms has one.
  static bool worthwhile(std::span<const digest::AlgorithmSpec> specs);

  // `stop`, when set by a signal handler, ends every stream between chunks
  // with ErrorKind::interrupted. Throws what the digest factories throw.
  MultiFileHasher(std::span<const digest::AlgorithmSpec> specs,
                  const std::atomic<bool>* stop);
  ~MultiFileHasher();
  MultiFileHasher(const MultiFileHasher&) = delete;
  MultiFileHasher& operator=(const MultiFileHasher&) = delete;

  [[nodiscard]] std::size_t active() const { return m_active; }
  [[nodiscard]] bool has_room() const { return m_active < k_streams; }

  // The stream the next start() takes (has_room() must hold).
  [[nodiscard]] std::size_t free_stream() const;

  // Starts reading `reader` in a free stream (has_room() must hold) and
  // returns the stream's number. `reader` and `sink` (which sees every chunk
  // in order, as in FileHasher) must stay valid until run() reports the
  // stream ended.
  std::size_t start(io::ByteReader& reader, ChunkSink* sink = nullptr);

  struct Ended {
    std::size_t stream = 0;
    util::Result<HashOutcome> outcome; // digests in spec order, or the error
  };

  // Reads and hashes until at least one stream ends (read to its end, or
  // failed, or interrupted) and appends every stream that ended to `ended`;
  // their numbers are free again. Returns at once when none is active.
  void run(std::vector<Ended>& ended);

private:
  struct Stream;

  // Reads the next chunk of `stream` behind what is left of the last one;
  // false when the stream ended (reported in `ended`).
  bool refill(std::size_t index, std::vector<Ended>& ended);
  void end(std::size_t index, util::Result<HashOutcome> outcome,
           std::vector<Ended>& ended);
  std::vector<util::Bytes> finish(std::size_t index);
  [[nodiscard]] std::uint8_t* data(std::size_t index) const;

  std::vector<digest::AlgorithmSpec> m_specs;
  // Per spec: the kernel's slot in m_kinds, or none for the others, which
  // m_other_specs lists in spec order.
  std::vector<std::optional<std::size_t>> m_kernel_of;
  std::vector<digest::multi::Kind> m_kinds;
  std::vector<digest::AlgorithmSpec> m_other_specs;
  std::vector<digest::multi::State> m_states; // one per kind
  const std::atomic<bool>* m_stop;
  std::unique_ptr<Stream[]> m_streams;
  std::unique_ptr<std::uint8_t[]> m_arena; // 64-byte aligned below
  std::uint8_t* m_base = nullptr;
  std::size_t m_active = 0;
};

} // namespace hasher::pipeline
