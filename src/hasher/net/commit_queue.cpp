#include <hasher/net/commit_queue.hpp>

#include <hasher/util/thread_name.hpp>

namespace hasher::net {

CommitQueue::CommitQueue()
    : m_thread([this] {
        util::name_this_thread("hasher:commit");
        run();
      }) {}

CommitQueue::~CommitQueue() { finish(); }

void CommitQueue::announce() {
  std::lock_guard lock(m_mutex);
  ++m_announced;
}

void CommitQueue::add(ReadyPart part) {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock,
                 [&] { return m_closing || m_pending.size() < k_max_pending; });
  const auto now = std::chrono::steady_clock::now();
  if (m_pending.empty()) m_oldest = now;
  m_pending_bytes += part.bytes;
  m_pending.push_back(std::move(part));
  if (m_announced > 0) --m_announced;
  // The commit thread needs waking for the first file (its timer starts)
  // and when a batch is due; a wake-up for every file only sent it back to
  // sleep (on this VM a wake-up costs up to a millisecond).
  if (m_pending.size() == 1 || batch_due(now)) m_changed.notify_all();
}

void CommitQueue::withdraw() {
  std::lock_guard lock(m_mutex);
  if (m_announced > 0) --m_announced;
  m_changed.notify_all();
}

void CommitQueue::written(const PartFile& file, std::uint64_t bytes) {
  util::Result<std::uint64_t> device = file.device();
  if (!device) return; // its batch syncs it
  std::lock_guard lock(m_mutex);
  if (!m_written_to.contains(*device)) {
    util::Result<PartFile> handle = file.duplicate();
    if (!handle) return;
    m_written_to.emplace(*device, std::move(*handle));
  }
  m_unsynced += bytes;
  if (m_unsynced >= k_early_sync_bytes || m_idle) m_changed.notify_all();
}

void CommitQueue::set_idle(TransfersIdle idle) {
  std::lock_guard lock(m_mutex);
  bool now_idle = idle == TransfersIdle::yes;
  if (now_idle == m_idle) return;
  m_idle = now_idle;
  m_changed.notify_all();
}

void CommitQueue::finish() {
  {
    std::lock_guard lock(m_mutex);
    m_closing = true;
    m_changed.notify_all();
  }
  if (m_thread.joinable()) m_thread.join();
}

bool CommitQueue::batch_due(std::chrono::steady_clock::time_point now) const {
  if (m_pending.empty()) return false;
  return m_closing || m_pending.size() >= k_batch_files ||
         m_pending_bytes >= k_batch_bytes || now - m_oldest >= k_max_hold ||
         (m_idle && m_announced == 0);
}

void CommitQueue::sync_early(std::unique_lock<std::mutex>& lock) {
  std::vector<PartFile*> handles;
  for (auto& [device, handle] : m_written_to) handles.push_back(&handle);
  m_unsynced = 0;
  lock.unlock();
  // Errors are left to the batches' own syncs, which report them.
  for (PartFile* handle : handles) (void)handle->sync_file_system();
  lock.lock();
  ++m_syncs_ahead;
}

std::size_t CommitQueue::syncs_ahead() {
  std::lock_guard lock(m_mutex);
  return m_syncs_ahead;
}

void CommitQueue::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    const bool due = batch_due(std::chrono::steady_clock::now());
    // With no transfer on, every file to come is whole already: its bytes
    // go to the disk while the last digests are computed.
    if (!due &&
        (m_unsynced >= k_early_sync_bytes || (m_idle && m_unsynced > 0))) {
      sync_early(lock);
      continue;
    }
    if (m_pending.empty()) {
      if (m_closing) return;
      m_changed.wait(lock);
      continue;
    }
    if (!due) {
      m_changed.wait_until(lock, m_oldest + k_max_hold);
      continue;
    }
    std::vector<ReadyPart> batch = std::move(m_pending);
    m_pending.clear();
    m_pending_bytes = 0;
    // The batch's sync writes out whatever was written() so far too.
    m_unsynced = 0;
    m_changed.notify_all();
    lock.unlock();
    commit(batch);
    lock.lock();
  }
}

void CommitQueue::commit(std::vector<ReadyPart>& batch) {
  std::vector<util::Result<std::uint64_t>> results;
  results.reserve(batch.size());
  // One sync per file system for the data of the whole batch, before any
  // file is named; a failed sync fails the files on that file system.
  std::map<std::uint64_t, ReadyPart*> one_per_device;
  std::vector<std::uint64_t> devices;
  for (ReadyPart& part : batch) {
    util::Result<std::uint64_t> device = part.file.device();
    if (!device) {
      results.emplace_back(device.error());
      devices.push_back(0);
      continue;
    }
    results.emplace_back(part.bytes);
    devices.push_back(*device);
    one_per_device.emplace(*device, &part);
  }
  auto sync_all = [&] {
    for (auto& [device, part] : one_per_device) {
      util::Result<std::uint64_t> synced = part->file.sync_file_system();
      if (synced) continue;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (results[i] && devices[i] == device) results[i] = synced.error();
      }
    }
  };
  sync_all();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!results[i]) continue;
    util::Result<std::uint64_t> renamed =
        rename_file(batch[i].part, batch[i].target, DirSync::no);
    if (!renamed) {
      results[i] = renamed.error();
      continue;
    }
    batch[i].file.drop_record(batch[i].meta);
  }
  // One more, so that whatever is reported done is durable.
  sync_all();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i].file.close();
    batch[i].done(std::move(results[i]));
  }
}

} // namespace hasher::net
