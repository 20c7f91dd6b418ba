#include <hasher/pipeline/file_hasher.hpp>

#include <thread>

namespace hasher::pipeline {
namespace {

bool stopped(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}

util::Error interrupted(const io::InputFile& file) {
  return util::Error{util::ErrorKind::interrupted, file.path(), "interrupted"};
}

// Waits until `counter` differs from `seen` and returns the new value. Spins
// briefly first: a lane is usually only a chunk behind, and a futex sleep and
// wake-up per 256 KiB chunk would cost more than the wait itself.
constexpr std::uint32_t k_notify_stride = 8;

std::uint32_t wait_change(const std::atomic<std::uint32_t>& counter,
                          std::uint32_t seen) {
  for (int spin = 0; spin < 256; ++spin) {
    std::uint32_t now = counter.load(std::memory_order_acquire);
    if (now != seen) return now;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  counter.wait(seen, std::memory_order_acquire);
  return counter.load(std::memory_order_acquire);
}

} // namespace

// Shared between the reader (calling thread) and the lane threads of one
// split file. `published` packs (chunks ready << 1) | finished, so the final
// store always changes the value that lanes wait on (no lost wake-up). The
// counters are 32-bit so that wait/notify map straight onto a futex; hash()
// splits only files of fewer than 2^31 chunks (512 TiB), so they never wrap.
struct FileHasher::Ring {
  explicit Ring(std::size_t lanes) : consumed(lanes) {}
  std::atomic<std::uint32_t> published{0};
  std::vector<std::atomic<std::uint32_t>> consumed; // chunks done, per lane
  std::size_t lengths[k_ring_slots] = {};
};

FileHasher::FileHasher(std::span<const digest::AlgorithmSpec> specs,
                       const std::atomic<bool>* stop)
    : m_digests(specs), m_stop(stop) {}

FileHasher::~FileHasher() = default;

std::uint8_t* FileHasher::slot(std::size_t index) {
  while (m_slots.size() <= index) {
    m_slots.emplace_back(new std::uint8_t[k_chunk_size]);
  }
  return m_slots[index].get();
}

util::Result<HashOutcome> FileHasher::hash(io::InputFile& file,
                                           const digest::LanePlan* plan) {
  constexpr std::uint64_t k_max_split_size =
      (std::uint64_t{1} << 31) * k_chunk_size / 2;
  if (plan == nullptr || plan->lanes.size() < 2 ||
      file.info().size >= k_max_split_size) {
    return hash_inline(file);
  }
  return hash_split(file, *plan);
}

util::Result<HashOutcome> FileHasher::hash_inline(io::InputFile& file) {
  std::uint8_t* buffer = slot(0);
  std::uint64_t total = 0;
  for (;;) {
    if (stopped(m_stop)) {
      m_digests.reset();
      return interrupted(file);
    }
    util::Result<std::size_t> got = file.read({buffer, k_chunk_size});
    if (!got) {
      m_digests.reset();
      return got.error();
    }
    if (*got == 0) break;
    m_digests.update({buffer, *got});
    total += *got;
  }
  return HashOutcome{m_digests.finish(), total};
}

util::Result<HashOutcome> FileHasher::hash_split(io::InputFile& file,
                                                 const digest::LanePlan& plan) {
  for (std::size_t i = 0; i < k_ring_slots; ++i) slot(i);
  const std::size_t lane_count = plan.lanes.size();
  Ring ring(lane_count);

  auto lane_loop = [this, &ring, &plan](std::size_t lane) {
    for (std::uint32_t chunk = 0;; ++chunk) {
      std::uint32_t published = ring.published.load(std::memory_order_acquire);
      // Chunks ready = published >> 1; wait while this one is not among them.
      while ((published >> 1) <= chunk) {
        if ((published & 1) != 0) return; // finished and nothing left
        published = wait_change(ring.published, published);
      }
      std::size_t index = chunk % k_ring_slots;
      m_digests.update({m_slots[index].get(), ring.lengths[index]},
                       plan.lanes[lane]);
      ring.consumed[lane].store(chunk + 1, std::memory_order_release);
      // Waking the reader costs a system call on this (usually the slowest)
      // lane: do it every few chunks; the ring is deep enough that the
      // reader never runs dry meanwhile.
      if ((chunk + 1) % k_notify_stride == 0) ring.consumed[lane].notify_one();
    }
  };

  std::vector<std::jthread> threads;
  threads.reserve(lane_count - 1);
  for (std::size_t lane = 1; lane < lane_count; ++lane) {
    threads.emplace_back(lane_loop, lane);
  }

  std::uint64_t total = 0;
  std::uint32_t chunk = 0;
  util::Error failure;
  bool failed = false;
  for (;; ++chunk) {
    // Wait until every lane is done with the chunk that used this slot:
    // lanes must have consumed at least chunk - slots + 1 chunks.
    for (std::size_t lane = 1; lane < lane_count; ++lane) {
      std::uint32_t done = ring.consumed[lane].load(std::memory_order_acquire);
      while (chunk >= done + k_ring_slots) {
        done = wait_change(ring.consumed[lane], done);
      }
    }
    if (stopped(m_stop)) {
      failure = interrupted(file);
      failed = true;
      break;
    }
    std::size_t index = chunk % k_ring_slots;
    util::Result<std::size_t> got =
        file.read({m_slots[index].get(), k_chunk_size});
    if (!got) {
      failure = got.error();
      failed = true;
      break;
    }
    if (*got == 0) break;
    ring.lengths[index] = *got;
    total += *got;
    ring.published.store((chunk + 1) << 1, std::memory_order_release);
    ring.published.notify_all();
    m_digests.update({m_slots[index].get(), *got}, plan.lanes[0]);
  }
  ring.published.store((chunk << 1) | 1, std::memory_order_release);
  ring.published.notify_all();
  threads.clear(); // joins: every lane has eaten every published chunk

  if (failed) {
    m_digests.reset();
    return failure;
  }
  return HashOutcome{m_digests.finish(), total};
}

} // namespace hasher::pipeline
