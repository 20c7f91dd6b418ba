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

} // namespace

// Shared between the reader (calling thread) and the lane threads of one
// split file. `published` packs (chunks ready << 1) | finished, so the final
// store always changes the value that lanes wait on (no lost wake-up).
struct FileHasher::Ring {
  explicit Ring(std::size_t lanes) : consumed(lanes) {}
  std::atomic<std::uint64_t> published{0};
  std::vector<std::atomic<std::uint64_t>> consumed; // chunks done, per lane
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
  if (plan == nullptr || plan->lanes.size() < 2) return hash_inline(file);
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
    for (std::uint64_t chunk = 0;; ++chunk) {
      std::uint64_t published = ring.published.load(std::memory_order_acquire);
      while ((published >> 1) <= chunk) {
        if ((published & 1) != 0) return; // finished and nothing left
        ring.published.wait(published, std::memory_order_acquire);
        published = ring.published.load(std::memory_order_acquire);
      }
      std::size_t index = chunk % k_ring_slots;
      m_digests.update({m_slots[index].get(), ring.lengths[index]},
                       plan.lanes[lane]);
      ring.consumed[lane].store(chunk + 1, std::memory_order_release);
      ring.consumed[lane].notify_one();
    }
  };

  std::vector<std::jthread> threads;
  threads.reserve(lane_count - 1);
  for (std::size_t lane = 1; lane < lane_count; ++lane) {
    threads.emplace_back(lane_loop, lane);
  }

  std::uint64_t total = 0;
  std::uint64_t chunk = 0;
  util::Error failure;
  bool failed = false;
  for (;; ++chunk) {
    // Wait until every lane is done with the chunk that used this slot.
    if (chunk >= k_ring_slots) {
      std::uint64_t needed = chunk - k_ring_slots + 1;
      for (std::size_t lane = 1; lane < lane_count; ++lane) {
        std::uint64_t done = ring.consumed[lane].load(std::memory_order_acquire);
        while (done < needed) {
          ring.consumed[lane].wait(done, std::memory_order_acquire);
          done = ring.consumed[lane].load(std::memory_order_acquire);
        }
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
