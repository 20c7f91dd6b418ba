#pragma once

// Finished downloads, whole and checked, wait here for their final names.
// One thread gives them in batches: one syncfs per file system makes the
// data of the whole batch durable, each `.part` is then renamed (no fsync
// of its own) and its resume record removed, and one more syncfs makes the
// renames durable before any is reported done. An fsync per file (and one
// per directory for its rename) costs a journal commit each on the thread
// that moves bytes; a batch costs two, on a thread of its own. The promise
// holds: a final name is only ever given to a synced, whole, checked file,
// and a crash before the rename is durable leaves the `.part` and its
// resume record, which the next run resumes from. The idea is
// pipeline/copy_batch.hpp's; its code works on AtomicFile temps, which a
// resumable `.part` is not.
//
// Files still being hashed, or still arriving, are not in a batch yet,
// but their bytes are in the page cache, and the disk need not wait for
// them: once k_early_sync_bytes of them were written (written()), the
// thread syncs their file systems ahead of their batch, whose sync then
// finds little left to write (200 downloads of 256 KiB, their hashing
// left to the end: the whole 52 MB was written out after the last transfer
// otherwise; one of 300 MB waited 0.5 s for its sync).
//
// A batch is given when it holds k_batch_files files or k_batch_bytes
// bytes, when its oldest file has waited k_max_hold, or at once when no
// transfer is running and every announced file has arrived (the end of a
// run does not wait). What is traded: a crash loses the renames (never the
// `.part` files) of up to one batch. Batches are small because the end of
// a run waits for the last one's data to reach the disk: 64 files of
// 256 KiB took 16-25 ms to sync there, 16 files 6-9 ms; the more syncs
// during the run are waited for by the commit thread alone. Files
// may keep arriving while a batch syncs, up to k_max_pending, so a slow
// sync holds up the lanes only after many more files than one batch.

#include <hasher/net/part_file.hpp>
#include <hasher/util/result.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hasher::net {

enum class TransfersIdle { no, yes };

// One finished file waiting for its name.
struct ReadyPart {
  PartFile file;      // still open: syncfs needs a descriptor on its fs
  std::string part;   // path of the `.part`
  std::string meta;   // its `.part.meta` (if any), removed when named
  std::string target; // the final name
  std::uint64_t bytes = 0;
  // Called once, from the commit thread, after the batch: the file's
  // size, or why it did not get its name (the `.part` then stays).
  std::function<void(util::Result<std::uint64_t>)> done;
};

class CommitQueue {
public:
  static constexpr std::size_t k_batch_files = 16;
  static constexpr std::uint64_t k_batch_bytes = std::uint64_t{16} << 20;
  static constexpr std::chrono::milliseconds k_max_hold{500};
  static constexpr std::size_t k_max_pending = 128;
  static constexpr std::uint64_t k_early_sync_bytes = std::uint64_t{2} << 20;

  // Starts the commit thread.
  CommitQueue();
  // Commits what is pending and joins the thread.
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // One more file will be added (or withdrawn): while it is expected, an
  // idle queue waits for it rather than give a batch without it. Any
  // thread.
  void announce();
  // Adds a file announced before; blocks while two batches are pending.
  // Any thread.
  void add(ReadyPart part);
  // An announced file will not come (it failed or was skipped). Any thread.
  void withdraw();
  // `bytes` more of an announced file were written, which will be added
  // only later (it is still to be hashed, or to arrive). Any thread.
  void written(const PartFile& file, std::uint64_t bytes);
  // Whether transfers are running (more files may come soon) or not (give
  // what has arrived). Any thread.
  void set_idle(TransfersIdle idle);
  // Commits what is pending and joins the thread; later calls do nothing.
  void finish();
  // How many syncs ran ahead of their batches (for tests).
  [[nodiscard]] std::size_t syncs_ahead();

private:
  void run();
  [[nodiscard]] bool batch_due(std::chrono::steady_clock::time_point now) const;
  // Syncs the file systems written() to; called and returns locked.
  void sync_early(std::unique_lock<std::mutex>& lock);
  static void commit(std::vector<ReadyPart>& batch);

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<ReadyPart> m_pending;
  std::uint64_t m_pending_bytes = 0;
  std::chrono::steady_clock::time_point m_oldest{};
  std::size_t m_announced = 0;
  // A handle on each file system written() to, by st_dev; never removed,
  // so the thread may sync one unlocked.
  std::map<std::uint64_t, PartFile> m_written_to;
  std::uint64_t m_unsynced = 0; // written() since the last sync
  std::size_t m_syncs_ahead = 0;
  bool m_idle = false;
  bool m_closing = false;
  std::thread m_thread;
};

} // namespace hasher::net
