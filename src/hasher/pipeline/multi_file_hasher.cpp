#include <hasher/pipeline/multi_file_hasher.hpp>

#include <algorithm>
#include <cstring>

namespace hasher::pipeline {
namespace {

namespace multi = digest::multi;

std::optional<multi::Kind> kernel_for(const digest::AlgorithmSpec& spec) {
  std::string_view name = spec.algorithm->name;
  std::optional<multi::Kind> kind;
  if (name == "md5") kind = multi::Kind::md5;
  if (name == "sha1") kind = multi::Kind::sha1;
  if (name == "sha256") kind = multi::Kind::sha256;
  // The others get the libraries' code, chunk by chunk.
  if (kind && !multi::available(*kind)) return std::nullopt;
  return kind;
}

// A stream's slice of the buffer: what is left of the last chunk (less than
// a block) is moved just below the chunk, so the kernels see one run of
// blocks; after the chunk, each kernel has room for its own padded end
// (MD5 writes the length little-endian, SHA big-endian). The odd stride
// keeps the 16 slices off the same cache sets.
constexpr std::size_t k_carry = multi::k_block;
constexpr std::size_t k_ends = 3 * multi::k_max_padding;
constexpr std::size_t k_stride =
    k_carry + MultiFileHasher::k_chunk_size + k_ends + multi::k_block;

} // namespace

struct MultiFileHasher::Stream {
  io::ByteReader* reader = nullptr; // null: the stream is free
  ChunkSink* sink = nullptr;
  std::optional<digest::DigestSet> others;
  std::uint64_t total = 0;  // bytes read
  std::uint32_t offset = 0; // the next block for the kernels (data phase)
  std::size_t blocks = 0;   // whole blocks ready for the kernels
  std::size_t tail = 0;     // bytes after them, less than a block
  bool ending = false;      // the blocks left are the padded ends
  std::size_t end_blocks = 0;
};

bool MultiFileHasher::worthwhile(std::span<const digest::AlgorithmSpec> specs) {
  return std::any_of(specs.begin(), specs.end(), [](const auto& spec) {
    return kernel_for(spec).has_value();
  });
}

MultiFileHasher::MultiFileHasher(std::span<const digest::AlgorithmSpec> specs,
                                 const std::atomic<bool>* stop)
    : m_specs(specs.begin(), specs.end()), m_stop(stop),
      m_streams(new Stream[k_streams]),
      m_arena(new std::uint8_t[k_streams * k_stride + 64]) {
  for (const digest::AlgorithmSpec& spec : m_specs) {
    std::optional<multi::Kind> kind = kernel_for(spec);
    if (kind) {
      m_kernel_of.push_back(m_kinds.size());
      m_kinds.push_back(*kind);
    } else {
      m_kernel_of.push_back(std::nullopt);
      m_other_specs.push_back(spec);
    }
  }
  m_states.resize(m_kinds.size());
  if (!m_other_specs.empty()) {
    for (std::size_t i = 0; i < k_streams; ++i) {
      m_streams[i].others.emplace(m_other_specs);
    }
  }
  auto address = reinterpret_cast<std::uintptr_t>(m_arena.get());
  // Not cleared: the kernels read only bytes a stream wrote (a free lane
  // reads a busy one's), and untouched pages cost nothing (a run that
  // hashes no file, such as --update of an unchanged tree, never faults
  // them in).
  m_base = m_arena.get() + ((64 - address % 64) % 64);
}

MultiFileHasher::~MultiFileHasher() = default;

std::uint8_t* MultiFileHasher::data(std::size_t index) const {
  return m_base + index * k_stride + k_carry;
}

std::size_t MultiFileHasher::free_stream() const {
  std::size_t index = 0;
  while (m_streams[index].reader != nullptr) ++index;
  return index;
}

std::size_t MultiFileHasher::start(io::ByteReader& reader, ChunkSink* sink) {
  std::size_t index = free_stream();
  Stream& stream = m_streams[index];
  stream.reader = &reader;
  stream.sink = sink;
  stream.total = 0;
  stream.blocks = 0;
  stream.tail = 0;
  stream.ending = false;
  stream.offset = static_cast<std::uint32_t>(data(index) - m_base);
  for (std::size_t k = 0; k < m_kinds.size(); ++k) {
    multi::init_lane(m_kinds[k], m_states[k], index);
  }
  ++m_active;
  return index;
}

void MultiFileHasher::end(std::size_t index, util::Result<HashOutcome> outcome,
                          std::vector<Ended>& ended) {
  Stream& stream = m_streams[index];
  if (!outcome && stream.others) stream.others->reset();
  stream.reader = nullptr;
  stream.sink = nullptr;
  --m_active;
  ended.push_back({index, std::move(outcome)});
}

bool MultiFileHasher::refill(std::size_t index, std::vector<Ended>& ended) {
  Stream& stream = m_streams[index];
  std::uint8_t* chunk = data(index);
  std::uint8_t* left = m_base + stream.offset; // the tail of the last chunk
  if (m_stop != nullptr && m_stop->load(std::memory_order_relaxed)) {
    end(index,
        util::Error{util::ErrorKind::interrupted, stream.reader->path(),
                    "interrupted"},
        ended);
    return false;
  }
  std::memmove(chunk - stream.tail, left, stream.tail);
  util::Result<std::size_t> got = stream.reader->read({chunk, k_chunk_size});
  if (!got) {
    end(index, got.error(), ended);
    return false;
  }
  if (*got == 0) {
    // The end: each kernel's last blocks, padded in its own place.
    for (std::size_t k = 0; k < m_kinds.size(); ++k) {
      std::uint8_t* place = chunk + k_chunk_size + k * multi::k_max_padding;
      std::memcpy(place, chunk - stream.tail, stream.tail);
      stream.end_blocks = multi::pad(m_kinds[k], place, stream.total);
    }
    stream.ending = true;
    stream.blocks = m_kinds.empty() ? 0 : stream.end_blocks;
    return true;
  }
  std::span<const std::uint8_t> bytes(chunk, *got);
  if (stream.sink != nullptr) {
    util::Result<std::uint64_t> taken = stream.sink->consume(bytes);
    if (!taken) {
      end(index, taken.error(), ended);
      return false;
    }
  }
  if (stream.others) stream.others->update(bytes);
  stream.total += *got;
  std::size_t ready = stream.tail + *got;
  stream.offset = static_cast<std::uint32_t>(chunk - stream.tail - m_base);
  stream.blocks = ready / multi::k_block;
  stream.tail = ready % multi::k_block;
  return true;
}

std::vector<util::Bytes> MultiFileHasher::finish(std::size_t index) {
  std::vector<util::Bytes> digests(m_specs.size());
  std::vector<util::Bytes> others;
  if (m_streams[index].others) others = m_streams[index].others->finish();
  std::size_t other = 0;
  for (std::size_t s = 0; s < m_specs.size(); ++s) {
    if (m_kernel_of[s]) {
      std::size_t k = *m_kernel_of[s];
      digests[s].resize(multi::digest_size(m_kinds[k]));
      multi::extract(m_kinds[k], m_states[k], index, digests[s]);
    } else {
      digests[s] = std::move(others[other++]);
    }
  }
  return digests;
}

void MultiFileHasher::run(std::vector<Ended>& ended) {
  const std::size_t before = ended.size();
  while (m_active > 0) {
    for (std::size_t i = 0; i < k_streams; ++i) {
      Stream& stream = m_streams[i];
      while (stream.reader != nullptr && stream.blocks == 0) {
        if (stream.ending) {
          end(i, HashOutcome{finish(i), stream.total}, ended);
        } else {
          refill(i, ended);
        }
      }
    }
    // Files waiting to start get the free lanes before the kernels run.
    if (ended.size() > before || m_active == 0) return;

    std::size_t steps = SIZE_MAX;
    std::size_t any = 0;
    bool ending = false;
    multi::LaneMask busy = 0;
    for (std::size_t i = 0; i < k_streams; ++i) {
      if (m_streams[i].reader == nullptr) continue;
      steps = std::min(steps, m_streams[i].blocks);
      ending = ending || m_streams[i].ending;
      any = i;
      busy |= multi::LaneMask{1} << i;
    }
    // Where each lane's next blocks are for kernel k: its data, or in the
    // ending phase its padded end for that kernel.
    std::uint32_t offsets[k_streams];
    auto place_lanes = [&](std::size_t k) {
      auto place = [&](std::size_t i) {
        const Stream& stream = m_streams[i];
        if (!stream.ending) return stream.offset;
        std::size_t done = stream.end_blocks - stream.blocks;
        std::uint8_t* end = data(i) + k_chunk_size + k * multi::k_max_padding +
                            done * multi::k_block;
        return static_cast<std::uint32_t>(end - m_base);
      };
      // A free lane reads a busy one's blocks (any readable blocks do).
      std::uint32_t spare = place(any);
      for (std::size_t i = 0; i < k_streams; ++i) {
        offsets[i] = m_streams[i].reader != nullptr ? place(i) : spare;
      }
    };
    if (!ending) {
      // Every kernel reads the same blocks: transposed once for all.
      place_lanes(0);
      multi::compress_together(m_kinds, m_states, m_base, offsets, steps, busy);
    } else {
      // The padded ends differ (MD5 writes the length little-endian).
      for (std::size_t k = 0; k < m_kinds.size(); ++k) {
        place_lanes(k);
        multi::compress(m_kinds[k], m_states[k], m_base, offsets, steps, busy);
      }
    }
    for (std::size_t i = 0; i < k_streams; ++i) {
      Stream& stream = m_streams[i];
      if (stream.reader == nullptr) continue;
      stream.blocks -= steps;
      if (!stream.ending) {
        stream.offset += static_cast<std::uint32_t>(steps * multi::k_block);
      }
    }
  }
}

} // namespace hasher::pipeline
