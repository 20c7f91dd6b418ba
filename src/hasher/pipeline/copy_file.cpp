#include <hasher/pipeline/copy_file.hpp>

#include <fcntl.h>

#include <optional>

namespace hasher::pipeline {
namespace {

// A source that keeps changing while it is copied is tried this many more
// times, as hash does.
constexpr int k_change_retries = 2;
// Files from this size start their writeback as soon as they are written.
constexpr std::uint64_t k_writeback_bytes = 1u << 20;

// Writes every chunk FileHasher reads into the destination's temp, through
// the encoder when compressing, hashing what is written when asked to. With
// `auto`, the first chunk decides the codec (and the final name's suffix).
class CopySink final : public ChunkSink {
public:
  CopySink(io::AtomicFile& file, const codec::Compression& compress,
           std::uint64_t size, codec::Encoder& encoder,
           codec::AdaptiveChooser& chooser, digest::DigestSet* written,
           std::atomic<std::uint64_t>* bytes_read)
      : m_file(file), m_compress(compress), m_size(size), m_encoder(encoder),
        m_chooser(chooser), m_written(written), m_bytes_read(bytes_read) {}

  util::Result<std::uint64_t>
  consume(std::span<const std::uint8_t> chunk) override {
    if (m_bytes_read != nullptr) {
      m_bytes_read->fetch_add(chunk.size(), std::memory_order_relaxed);
    }
    if (!m_decided) decide(chunk);
    if (m_compress.codec == codec::Codec::none) return put(chunk);
    auto encoded = m_encoder.update(chunk, m_file.path());
    if (!encoded) return encoded.error();
    return put(*encoded);
  }

  // Ends the stream; returns the bytes written.
  util::Result<std::uint64_t> finish() {
    if (!m_decided) decide({});
    if (m_compress.codec == codec::Codec::none) return m_bytes;
    auto tail = m_encoder.finish(m_file.path());
    if (!tail) return tail.error();
    return put(*tail);
  }

  [[nodiscard]] codec::Codec codec() const { return m_compress.codec; }

private:
  void decide(std::span<const std::uint8_t> first) {
    m_decided = true;
    if (m_compress.adaptive) {
      m_compress = m_chooser.choose(m_file.path(), first);
    }
    if (m_compress.codec == codec::Codec::none) return;
    m_encoder.start(m_compress.codec, m_compress.level, m_size);
    std::string name = m_file.path().substr(m_file.path().rfind('/') + 1);
    m_file.rename_target(name + std::string(codec_extension(m_compress.codec)));
  }

  util::Result<std::uint64_t> put(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return m_bytes;
    if (m_written != nullptr) m_written->update(bytes);
    util::Result<std::uint64_t> total = m_file.write(bytes);
    if (total) m_bytes = *total;
    return total;
  }

  io::AtomicFile& m_file;
  codec::Compression m_compress;
  std::uint64_t m_size;
  codec::Encoder& m_encoder;
  codec::AdaptiveChooser& m_chooser;
  digest::DigestSet* m_written;
  std::atomic<std::uint64_t>* m_bytes_read;
  bool m_decided = false;
  std::uint64_t m_bytes = 0;
};

bool same_state(const io::FileInfo& before, const io::FileInfo& after) {
  return before.size == after.size && before.mtime_ns == after.mtime_ns;
}

bool compresses(const CopyCoding& coding) {
  return coding.compress.adaptive ||
         coding.compress.codec != codec::Codec::none;
}

} // namespace

FileCopier::FileCopier(std::span<const digest::AlgorithmSpec> specs,
                       const CopyCoding& coding, const std::atomic<bool>* stop)
    : m_specs(specs.begin(), specs.end()), m_coding(coding),
      m_hasher(specs, stop), m_pass({}, stop), m_written(specs) {
  if (!compresses(m_coding)) m_coding.digests = CopyDigests::content;
}

std::string FileCopier::final_name(const std::string& source,
                                   const std::string& destination) const {
  std::string name = destination;
  if (m_coding.decompress) {
    name = codec::strip_extension(name, codec::codec_of_path(source));
  }
  if (!m_coding.compress.adaptive) {
    name += codec::codec_extension(m_coding.compress.codec);
  }
  return name;
}

util::Result<HashOutcome> FileCopier::hash(const std::string& path,
                                           const digest::LanePlan* plan,
                                           codec::Codec codec) {
  util::Result<io::InputFile> opened = io::InputFile::open(path, AT_FDCWD);
  if (!opened) return opened.error();
  if (codec == codec::Codec::none) return m_hasher.hash(*opened, plan);
  codec::DecodingReader decoded(*opened, codec, m_decoder);
  return m_hasher.hash(decoded, plan);
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
  util::Result<std::unique_ptr<StartedCopy>> started = begin(request);
  if (!started) return started.error();
  StartedCopy& copy = **started;
  // Read once: every chunk is written and hashed from the same buffer.
  util::Result<HashOutcome> hashed =
      m_coding.digests != CopyDigests::written
          ? m_hasher.hash(copy.reader(), plan, &copy.sink())
          : m_pass.hash(copy.reader(), nullptr, &copy.sink());
  return complete(copy, hashed);
}

StartedCopy::~StartedCopy() = default;

bool FileCopier::side_by_side() const {
  return !compresses(m_coding) && !m_coding.decompress &&
         m_coding.digests == CopyDigests::content;
}

util::Result<std::unique_ptr<StartedCopy>>
FileCopier::begin(const CopyRequest& request) {
  util::Result<io::InputFile> opened =
      io::InputFile::open(request.source, AT_FDCWD);
  if (!opened) return opened.error();
  codec::Codec source_codec = m_coding.decompress
                                  ? codec::codec_of_path(request.source)
                                  : codec::Codec::none;
  std::string destination = request.destination;
  if (source_codec != codec::Codec::none) {
    destination = codec::strip_extension(destination, source_codec);
  }
  util::Result<io::AtomicFile> created =
      io::AtomicFile::create(destination, &m_temp_dirs);
  if (!created) return created.error();
  auto copy =
      std::make_unique<StartedCopy>(std::move(*opened), std::move(*created));
  copy->request = request;
  if (source_codec != codec::Codec::none) {
    copy->decoded.emplace(copy->source, source_codec, m_decoder);
  }
  bool want_written = m_coding.digests != CopyDigests::content;
  copy->writer = std::make_unique<CopySink>(
      copy->temp, m_coding.compress,
      copy->decoded ? 0 : copy->source.info().size, m_encoder, m_chooser,
      want_written ? &m_written : nullptr, m_bytes_read);
  return copy;
}

util::Result<PendingCopy>
FileCopier::complete(StartedCopy& copy, util::Result<HashOutcome>& hashed) {
  bool want_content = m_coding.digests != CopyDigests::written;
  bool want_written = m_coding.digests != CopyDigests::content;
  if (!hashed) {
    m_written.reset();
    return hashed.error();
  }
  auto& sink = static_cast<CopySink&>(*copy.writer);
  util::Result<std::uint64_t> written = sink.finish();
  std::vector<util::Bytes> written_digests;
  if (want_written) written_digests = m_written.finish();
  if (!written) return written.error();
  const io::InputFile& source = copy.source;
  util::Result<io::FileInfo> after = source.restat();
  if (!after) return after.error();
  if (!same_state(source.info(), *after) ||
      (!copy.decoded && hashed->bytes != source.info().size)) {
    return util::Error{util::ErrorKind::changed, copy.request.source,
                       "file changed while being read"};
  }
  // Small files are left to the batch's sync: a batch holds at most
  // 64 MiB, and the call cost as much as the rest of a small file's copy.
  if (*written >= k_writeback_bytes) copy.temp.start_writeback();
  io::CommitOptions commit;
  commit.mode = source.info().permissions; // of the open file's stat
  commit.mtime_ns = source.info().mtime_ns;
  commit.overwrite = copy.request.overwrite;
  PendingCopy pending{copy.request, std::move(copy.temp),
                      commit,       source.info(),
                      sink.codec(), {},
                      {},           hashed->bytes,
                      *written};
  pending.digests = std::move(hashed->digests);
  if (sink.codec() == codec::Codec::none) {
    // Content and written bytes are the same: one set says both.
    if (!want_content) pending.digests = std::move(written_digests);
  } else {
    pending.written_digests = std::move(written_digests);
  }
  return pending;
}

util::Result<std::uint64_t> FileCopier::verify(PendingCopy& copy,
                                               const digest::LanePlan* plan) {
  const std::string& dest = copy.temp.path();
  util::Result<std::uint64_t> synced = copy.temp.sync(io::DropCache::yes);
  if (!synced) return synced.error();
  // Read back what is on disk: raw against the written digests when there
  // are any, else decoded against the content's.
  bool raw =
      copy.written_codec == codec::Codec::none || !copy.written_digests.empty();
  const std::vector<util::Bytes>& expected =
      copy.written_codec == codec::Codec::none || !raw ? copy.digests
                                                       : copy.written_digests;
  std::uint64_t expected_bytes = raw ? copy.written : copy.bytes;
  util::Result<HashOutcome> back =
      hash(copy.temp.temp_path(), plan,
           raw ? codec::Codec::none : copy.written_codec);
  if (!back) {
    return util::Error{back.error().kind, dest,
                       "cannot read the copy back: " + back.error().reason};
  }
  std::string differing;
  for (std::size_t i = 0; i < m_specs.size(); ++i) {
    if (back->digests[i] == expected[i]) continue;
    if (!differing.empty()) differing += ", ";
    differing += m_specs[i].column();
  }
  if (back->bytes != expected_bytes && differing.empty()) differing = "size";
  if (!differing.empty()) {
    return util::Error{util::ErrorKind::mismatch, dest,
                       "the copy reads back different (" + differing +
                           "); not renamed"};
  }
  return back->bytes;
}

} // namespace hasher::pipeline
