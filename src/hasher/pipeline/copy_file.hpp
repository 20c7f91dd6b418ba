#pragma once

// Copies one file while hashing it, reading the source once: FileHasher
// reads each chunk, hands it to the destination's AtomicFile (a temp beside
// the final name) and feeds every digest from the same buffer. write()
// leaves the whole, checked copy in its temp, still unnamed; the caller
// syncs and commits it (one sync for a batch of files: copy_batch.hpp), so
// a final name never holds a partial copy. verify() reads a synced temp
// back, from the disk where the kernel drops the cache, before it is named.
//
// On the way a copy may be compressed (gzip, zstd, or per file with
// `auto`) and a `.gz`/`.zst` source decoded; the digests are then of the
// content, of the bytes written, or both (CopyDigests).

#include <hasher/codec/adaptive.hpp>
#include <hasher/codec/codec.hpp>
#include <hasher/codec/decoder.hpp>
#include <hasher/codec/encoder.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/digest_set.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/io/atomic_file.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/file_hasher.hpp>
#include <hasher/util/result.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hasher::pipeline {

enum class VerifyCopy { no, yes };

// What a compressed copy's digests are of: the content (what the source
// holds, decoded), the bytes written (what is on disk), or both. Without
// compression the two are the same bytes, hashed once.
enum class CopyDigests { content, written, both };

// How bytes are transformed between source and destination.
struct CopyCoding {
  codec::Compression compress; // Codec::none and not adaptive: as they are
  bool decompress = false;     // sources named .gz/.zst are decoded
  CopyDigests digests = CopyDigests::content;
};

struct CopyRequest {
  std::string source;      // the file to read
  std::string destination; // its final name before a codec suffix is added
                           // or removed (see FileCopier::final_name); the
                           // directory must exist
  std::string shown;       // how records name the copy (same rule)
  io::Overwrite overwrite = io::Overwrite::replace;
};

// A copy written to its temp, not yet committed.
struct PendingCopy {
  CopyRequest request;
  io::AtomicFile temp;      // temp.path(): the final name, suffix and all
  io::CommitOptions commit; // the source's mode and mtime
  io::FileInfo source;      // the source's stat at open
  codec::Codec written_codec = codec::Codec::none; // what the copy holds
  // In spec order. `digests` are of the content (empty when only the
  // written bytes were asked for); `written_digests` of the bytes written,
  // when asked for and written_codec is not none (else they equal digests).
  std::vector<util::Bytes> digests;
  std::vector<util::Bytes> written_digests;
  std::uint64_t bytes = 0;   // content bytes
  std::uint64_t written = 0; // bytes written
};

// A copy begun by FileCopier::begin(): the source open and its temp
// created. Hash reader() with sink() on one thread (FileHasher or a stream
// of MultiFileHasher), then hand the outcome to FileCopier::complete().
// Not movable: the sink and the reader point into it.
struct StartedCopy {
  StartedCopy(io::InputFile opened, io::AtomicFile created)
      : source(std::move(opened)), temp(std::move(created)) {}
  StartedCopy(const StartedCopy&) = delete;
  StartedCopy& operator=(const StartedCopy&) = delete;
  ~StartedCopy();

  [[nodiscard]] io::ByteReader& reader() {
    return decoded ? static_cast<io::ByteReader&>(*decoded) : source;
  }
  [[nodiscard]] ChunkSink& sink() { return *writer; }

  CopyRequest request;
  io::InputFile source;
  io::AtomicFile temp;
  std::optional<codec::DecodingReader> decoded;
  std::unique_ptr<ChunkSink> writer; // writes the temp (copy_file.cpp)
};

class FileCopier {
public:
  // `stop`, when set by a signal handler, ends a copy between chunks with
  // ErrorKind::interrupted (the temp is removed). Throws what the digest
  // factories throw.
  FileCopier(std::span<const digest::AlgorithmSpec> specs,
             const CopyCoding& coding, const std::atomic<bool>* stop);

  // Where the copy of `source` planned at `destination` ends up: without
  // the codec suffix when the source is decoded, with the suffix of a fixed
  // compression; with `auto` the suffix (`.zst` or none) is known only once
  // written (PendingCopy::temp.path()).
  [[nodiscard]] std::string final_name(const std::string& source,
                                       const std::string& destination) const;
  [[nodiscard]] const CopyCoding& coding() const { return m_coding; }
  // Counts every byte read from a source into `bytes` as it passes (the
  // progress line); nullptr stops counting.
  void count_bytes(std::atomic<std::uint64_t>* bytes) { m_bytes_read = bytes; }
  [[nodiscard]] std::span<const digest::AlgorithmSpec> specs() const {
    return m_specs;
  }

  // Copies `request.source` into a temp beside `request.destination`.
  // `plan` may split the hashing over lanes (see FileHasher). Fails, with
  // nothing left behind, with the source's open/read error, the temp's
  // create/write error or changed (the source kept changing while read).
  // Not thread-safe.
  util::Result<PendingCopy> write(CopyRequest request,
                                  const digest::LanePlan* plan);

  // Reads the temp of `copy` back, after the caller synced it, and compares
  // its digests. Fails with mismatch naming the differing algorithms, or
  // the read error.
  util::Result<std::uint64_t> verify(PendingCopy& copy,
                                     const digest::LanePlan* plan);

  // Hashes the file at `path` with the same algorithms, writing nothing
  // (an existing destination, for --skip-existing), decoding it first when
  // `codec` is not none.
  util::Result<HashOutcome> hash(const std::string& path,
                                 const digest::LanePlan* plan,
                                 codec::Codec codec = codec::Codec::none);

  // Whether copies may be hashed side by side on one thread
  // (MultiFileHasher): they are when nothing is shared between them, that
  // is without compression, decoding or digests of the written bytes.
  [[nodiscard]] bool side_by_side() const;

  // write() in two steps, for a caller hashing many copies at once: begin()
  // opens the source and creates the temp; once the caller has hashed the
  // copy's reader() through its sink() with this copier's algorithms,
  // complete() checks the source did not change and returns the pending
  // copy (a changed source fails with ErrorKind::changed, to retry).
  util::Result<std::unique_ptr<StartedCopy>> begin(const CopyRequest& request);
  util::Result<PendingCopy> complete(StartedCopy& copy,
                                     util::Result<HashOutcome>& hashed);

private:
  util::Result<PendingCopy> write_once(const CopyRequest& request,
                                       const digest::LanePlan* plan);

  std::vector<digest::AlgorithmSpec> m_specs;
  CopyCoding m_coding;
  FileHasher m_hasher;         // every algorithm
  FileHasher m_pass;           // none: reads for the written bytes' digests
  digest::DigestSet m_written; // of the bytes written, when asked for
  codec::Encoder m_encoder;
  codec::Decoder m_decoder;
  codec::AdaptiveChooser m_chooser;
  io::TempDirectories m_temp_dirs; // the last destination directory, open
  std::atomic<std::uint64_t>* m_bytes_read = nullptr;
};

} // namespace hasher::pipeline
