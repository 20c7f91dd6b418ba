#include <hasher/pipeline/file_hasher.hpp>

#include <span>
#include <thread>

namespace hasher::pipeline {
namespace {

bool stopped(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}

util::Error interrupted(const io::ByteReader& file) {
  return util::Error{util::ErrorKind::interrupted, file.path(), "interrupted"};
}

// Blocks until `counter` reaches `target`. Sleeping costs a system call on
// both sides, so the waiter first spins briefly, then publishes what it waits
// for in `wants`; the other side wakes it only once `counter` gets there
// (see publish()). Both sides use sequentially consistent order on `counter`
// and `wants`, so either the waiter sees the new count or the publisher sees
// the wish: no wake-up is lost.
std::uint32_t wait_until(const std::atomic<std::uint32_t>& counter,
                         std::atomic<std::uint32_t>& wants,
                         std::uint32_t target) {
  std::uint32_t now = counter.load();
  for (int spin = 0; spin < 512 && now < target; ++spin) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
    now = counter.load();
  }
  while (now < target) {
    wants.store(target);
    now = counter.load();
    if (now >= target) break;
    counter.wait(now);
    now = counter.load();
  }
  wants.store(0);
  return now;
}

// Stores a new count and wakes the waiters on `counter` if any of them waits
// for no more than that (`wants` holds each possible waiter's target).
void publish(std::atomic<std::uint32_t>& counter,
             std::span<const std::atomic<std::uint32_t>> wants,
             std::uint32_t value) {
  counter.store(value);
  for (const std::atomic<std::uint32_t>& want : wants) {
    std::uint32_t wanted = want.load();
    if (wanted != 0 && value >= wanted) {
      counter.notify_all();
      return;
    }
  }
}

} // namespace

// Shared between the reader (calling thread) and the lane threads of one
// split file. Counters count chunks; `end` (set before the last publish)
// tells lanes that no more will come. The counters are 32-bit so that
// wait/notify map straight onto a futex; hash() splits only files of fewer
// than 2^31 chunks (512 TiB), so they never wrap.
struct FileHasher::Ring {
  explicit Ring(std::size_t lanes)
      : consumed(lanes), lane_wants(lanes), reader_wants(lanes) {}
  std::atomic<std::uint32_t> published{0};
  std::vector<std::atomic<std::uint32_t>> consumed;     // chunks done, per lane
  std::vector<std::atomic<std::uint32_t>> lane_wants;   // lane waits for data
  std::vector<std::atomic<std::uint32_t>> reader_wants; // reader waits for lane
  std::atomic<std::uint32_t> end{UINT32_MAX}; // number of chunks, once known
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

util::Result<HashOutcome> FileHasher::hash(io::ByteReader& file,
                                           const digest::LanePlan* plan,
                                           ChunkSink* sink) {
  constexpr std::uint64_t k_max_split_size =
      (std::uint64_t{1} << 31) * k_chunk_size / 2;
  if (plan == nullptr || plan->lanes.size() < 2 ||
      file.size_hint() >= k_max_split_size) {
    return hash_inline(file, sink);
  }
  return hash_split(file, *plan, sink);
}

util::Result<HashOutcome> FileHasher::hash_inline(io::ByteReader& file,
                                                  ChunkSink* sink) {
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
    if (sink != nullptr) {
      util::Result<std::uint64_t> taken = sink->consume({buffer, *got});
      if (!taken) {
        m_digests.reset();
        return taken.error();
      }
    }
    m_digests.update({buffer, *got});
    total += *got;
  }
  return HashOutcome{m_digests.finish(), total};
}

util::Result<HashOutcome> FileHasher::hash_split(io::ByteReader& file,
                                                 const digest::LanePlan& plan,
                                                 ChunkSink* sink) {
  for (std::size_t i = 0; i < k_ring_slots; ++i) slot(i);
  const std::size_t lane_count = plan.lanes.size();
  Ring ring(lane_count);

  auto lane_loop = [this, &ring, &plan](std::size_t lane) {
    for (std::uint32_t chunk = 0;; ++chunk) {
      // The end is signalled by publishing one past the last chunk with
      // ring.end set: a lane that reaches ring.end stops.
      wait_until(ring.published, ring.lane_wants[lane], chunk + 1);
      if (chunk == ring.end.load()) return;
      std::size_t index = chunk % k_ring_slots;
      m_digests.update({m_slots[index].get(), ring.lengths[index]},
                       plan.lanes[lane]);
      publish(ring.consumed[lane], {&ring.reader_wants[lane], 1}, chunk + 1);
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
    // The slot is free once every lane has consumed chunk - slots + 1
    // chunks. When one has not, wait until it has freed half the ring, so
    // the reader sleeps and is woken once per half ring, not per chunk.
    for (std::size_t lane = 1; lane < lane_count; ++lane) {
      if (chunk >= ring.consumed[lane].load() + k_ring_slots) {
        wait_until(ring.consumed[lane], ring.reader_wants[lane],
                   chunk + 1 - k_ring_slots / 2);
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
    publish(ring.published, ring.lane_wants, chunk + 1);
    // The sink runs while the lanes hash: the slot stays ours until the
    // next pass through the loop.
    if (sink != nullptr) {
      util::Result<std::uint64_t> taken =
          sink->consume({m_slots[index].get(), *got});
      if (!taken) {
        failure = taken.error();
        failed = true;
        ++chunk; // the published chunk must still be eaten by the lanes
        break;
      }
    }
    m_digests.update({m_slots[index].get(), *got}, plan.lanes[0]);
  }
  // One past the last chunk: lanes waiting for it see ring.end and stop.
  ring.end.store(chunk);
  publish(ring.published, ring.lane_wants, chunk + 1);
  threads.clear(); // joins: every lane has eaten every published chunk

  if (failed) {
    m_digests.reset();
    return failure;
  }
  return HashOutcome{m_digests.finish(), total};
}

} // namespace hasher::pipeline
