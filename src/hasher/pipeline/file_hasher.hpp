#pragma once

// Hashes one input with every requested algorithm, reading it exactly once in
// fixed-size chunks into reused buffers. With one lane, the calling thread
// reads a chunk and feeds it to every digest while it is still in cache. With
// several lanes (a big file and idle cores), the calling thread reads into a
// small ring of buffers and hashes lane 0, while one thread per further lane
// hashes its share of the algorithms from the same buffers; a slot is reused
// only after every lane is done with it. Memory is the ring: slots × chunk.
// An optional ChunkSink sees every chunk on the reading thread (copy).

#include <hasher/digest/digest_set.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/io/byte_reader.hpp>
#include <hasher/pipeline/chunk_sink.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/result.hpp>

#include <atomic>
#include <memory>
#include <vector>

namespace hasher::pipeline {

struct HashOutcome {
  std::vector<util::Bytes> digests; // in spec order
  std::uint64_t bytes = 0;          // bytes hashed
};

class FileHasher {
public:
  static constexpr std::size_t k_chunk_size = 64 * 1024;
  // 4 MiB: a waiting side sleeps until half a ring is done, and on a
  // virtual machine a wake-up can take a millisecond; with 16 slots one
  // 2 GiB file reached 52% of the two-core bound here, with 64 it reaches
  // 89% (bench/one-file, the same hour).
  static constexpr std::size_t k_ring_slots = 64;

  // `stop`, when set by a signal handler, makes hash() give up between chunks
  // with ErrorKind::interrupted. Throws what the digest factories throw.
  FileHasher(std::span<const digest::AlgorithmSpec> specs,
             const std::atomic<bool>* stop);
  ~FileHasher();
  FileHasher(const FileHasher&) = delete;
  FileHasher& operator=(const FileHasher&) = delete;

  // Reads `file` to its end and returns every digest. `plan` spreads the
  // algorithms over lanes (threads); a one-lane plan or nullptr hashes on the
  // calling thread. A read error returns the error and leaves the digests
  // reset. `sink`, when not null, is given every chunk in order on the
  // calling thread (see ChunkSink); its error ends the read the same way.
  // Not thread-safe: one FileHasher per worker.
  util::Result<HashOutcome> hash(io::ByteReader& file,
                                 const digest::LanePlan* plan,
                                 ChunkSink* sink = nullptr);

private:
  struct Ring;

  util::Result<HashOutcome> hash_inline(io::ByteReader& file, ChunkSink* sink);
  util::Result<HashOutcome> hash_split(io::ByteReader& file,
                                       const digest::LanePlan& plan,
                                       ChunkSink* sink);
  std::uint8_t* slot(std::size_t index);

  digest::DigestSet m_digests;
  const std::atomic<bool>* m_stop;
  std::vector<std::unique_ptr<std::uint8_t[]>> m_slots;
};

} // namespace hasher::pipeline
