#pragma once

// Copies one file while hashing it, reading the source once: FileHasher
// reads each chunk, hands it to the destination's AtomicFile (a temp beside
// the final name) and feeds every digest from the same buffer. write()
// leaves the whole, checked copy in its temp, still unnamed; the caller
// syncs and commits it (one sync for a batch of files: copy_batch.hpp), so
// a final name never holds a partial copy. verify() reads a synced temp
// back, from the disk where the kernel drops the cache, before it is named.

#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/io/atomic_file.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/file_hasher.hpp>
#include <hasher/util/result.hpp>

#include <atomic>
#include <span>
#include <string>
#include <vector>

namespace hasher::pipeline {

enum class VerifyCopy { no, yes };

struct CopyRequest {
  std::string source;      // the file to read
  std::string destination; // its final name; the directory must exist
  std::string shown;       // how records name the copy
  io::Overwrite overwrite = io::Overwrite::replace;
};

// A copy written to its temp, not yet committed.
struct PendingCopy {
  CopyRequest request;
  io::AtomicFile temp;
  io::CommitOptions commit;         // the source's mode and mtime
  io::FileInfo source;              // the source's stat at open
  std::vector<util::Bytes> digests; // in spec order
  std::uint64_t bytes = 0;          // bytes copied
};

class FileCopier {
public:
  // `stop`, when set by a signal handler, ends a copy between chunks with
  // ErrorKind::interrupted (the temp is removed). Throws what the digest
  // factories throw.
  FileCopier(std::span<const digest::AlgorithmSpec> specs,
             const std::atomic<bool>* stop);

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
  // (an existing destination, for --skip-existing).
  util::Result<HashOutcome> hash(const std::string& path,
                                 const digest::LanePlan* plan);

private:
  util::Result<PendingCopy> write_once(const CopyRequest& request,
                                       const digest::LanePlan* plan);

  std::vector<digest::AlgorithmSpec> m_specs;
  FileHasher m_hasher;
};

} // namespace hasher::pipeline
