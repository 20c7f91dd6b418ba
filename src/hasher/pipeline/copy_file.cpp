#include <hasher/pipeline/copy_file.hpp>

#include <fcntl.h>

namespace hasher::pipeline {
namespace {

// A source that keeps changing while it is copied is tried this many more
// times, as hash does.
constexpr int k_change_retries = 2;

// Writes every chunk FileHasher reads into the destination's temp.
class AtomicFileSink final : public ChunkSink {
public:
  explicit AtomicFileSink(io::AtomicFile& file) : m_file(file) {}
  util::Result<std::uint64_t>
  consume(std::span<const std::uint8_t> chunk) override {
    return m_file.write(chunk);
  }

private:
  io::AtomicFile& m_file;
};

bool same_state(const io::FileInfo& before, const io::FileInfo& after) {
  return before.size == after.size && before.mtime_ns == after.mtime_ns;
}

} // namespace

FileCopier::FileCopier(std::span<const digest::AlgorithmSpec> specs,
                       const std::atomic<bool>* stop)
    : m_specs(specs.begin(), specs.end()), m_hasher(specs, stop) {}

util::Result<HashOutcome> FileCopier::hash(const std::string& path,
                                           const digest::LanePlan* plan) {
  util::Result<io::InputFile> opened = io::InputFile::open(path, AT_FDCWD);
  if (!opened) return opened.error();
  return m_hasher.hash(*opened, plan);
}

util::Result<PendingCopy> FileCopier::write(CopyRequest request,
                                            const digest::LanePlan* plan) {
  for (int attempt = 0;; ++attempt) {
    util::Result<PendingCopy> pending = write_once(request, plan);
    if (pending || pending.error().kind != util::ErrorKind::changed ||
        attempt == k_change_retries) {
      return pending;
    }
  }
}

util::Result<PendingCopy> FileCopier::write_once(const CopyRequest& request,
                                                 const digest::LanePlan* plan) {
  util::Result<io::InputFile> opened =
      io::InputFile::open(request.source, AT_FDCWD);
  if (!opened) return opened.error();
  io::InputFile& source = *opened;
  util::Result<std::uint32_t> mode = io::permission_bits(request.source);
  if (!mode) return mode.error();
  util::Result<io::AtomicFile> created =
      io::AtomicFile::create(request.destination);
  if (!created) return created.error();

  // Read once: every chunk is written and hashed from the same buffer.
  AtomicFileSink sink(*created);
  util::Result<HashOutcome> hashed = m_hasher.hash(source, plan, &sink);
  if (!hashed) return hashed.error();
  util::Result<io::FileInfo> after = source.restat();
  if (!after) return after.error();
  if (!same_state(source.info(), *after) ||
      hashed->bytes != source.info().size) {
    return util::Error{util::ErrorKind::changed, request.source,
                       "file changed while being read"};
  }
  io::CommitOptions commit;
  commit.mode = *mode;
  commit.mtime_ns = source.info().mtime_ns;
  commit.overwrite = request.overwrite;
  return PendingCopy{request,       std::move(*created),        commit,
                     source.info(), std::move(hashed->digests), hashed->bytes};
}

util::Result<std::uint64_t> FileCopier::verify(PendingCopy& copy,
                                               const digest::LanePlan* plan) {
  const std::string& dest = copy.request.destination;
  util::Result<std::uint64_t> synced = copy.temp.sync(io::DropCache::yes);
  if (!synced) return synced.error();
  util::Result<HashOutcome> back = hash(copy.temp.temp_path(), plan);
  if (!back) {
    return util::Error{back.error().kind, dest,
                       "cannot read the copy back: " + back.error().reason};
  }
  std::string differing;
  for (std::size_t i = 0; i < m_specs.size(); ++i) {
    if (back->digests[i] == copy.digests[i]) continue;
    if (!differing.empty()) differing += ", ";
    differing += m_specs[i].column();
  }
  if (back->bytes != copy.bytes && differing.empty()) differing = "size";
  if (!differing.empty()) {
    return util::Error{util::ErrorKind::mismatch, dest,
                       "the copy reads back different (" + differing +
                           "); not renamed"};
  }
  return back->bytes;
}

} // namespace hasher::pipeline
