#include <hasher/net/commit_queue.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace hasher::net {
namespace {

class CommitQueueTest : public test::TempDir {
protected:
  // A finished part `name`.part (with its meta) holding `content`, open as
  // a download leaves it; `done` records the outcome under `name`.
  ReadyPart ready(const std::string& name, const std::string& content) {
    std::string base = (dir() / name).string();
    ReadyPart part;
    EXPECT_TRUE(part.file.open(base + ".part", PartStart::truncate));
    std::span<const std::uint8_t> bytes(
        reinterpret_cast<const std::uint8_t*>(content.data()), content.size());
    EXPECT_TRUE(part.file.append(bytes));
    std::ofstream(base + ".part.meta") << "http://x/" << name << "\n\n";
    part.file.note_record(RecordPlace::file);
    part.part = base + ".part";
    part.meta = base + ".part.meta";
    part.target = base;
    part.bytes = content.size();
    part.done = [this, name](util::Result<std::uint64_t> result) {
      std::lock_guard lock(m_mutex);
      m_done.push_back(name + (result ? ":ok" : ":" + result.error().reason));
    };
    return part;
  }
  std::string read(const std::string& name) { return read_text(dir() / name); }
  std::vector<std::string> done() {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out = m_done;
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  std::mutex m_mutex;
  std::vector<std::string> m_done;
};

TEST_F(CommitQueueTest, FinishNamesEveryPartAndRemovesItsMeta) {
  {
    CommitQueue commits;
    for (int i = 0; i < 3; ++i) {
      commits.announce();
      commits.add(ready("f" + std::to_string(i), "bytes " + std::to_string(i)));
    }
    commits.finish();
  }
  EXPECT_EQ(names(), (std::vector<std::string>{"f0", "f1", "f2"}));
  EXPECT_EQ(read("f1"), "bytes 1");
  EXPECT_EQ(done(), (std::vector<std::string>{"f0:ok", "f1:ok", "f2:ok"}));
}

TEST_F(CommitQueueTest, IdleQueueCommitsOnceEveryAnnouncedFileArrived) {
  CommitQueue commits;
  commits.set_idle(TransfersIdle::yes);
  commits.announce();
  commits.announce();
  commits.add(ready("a", "a"));
  // One announced file is still on its way: the batch waits for it, up to
  // k_max_hold.
  commits.withdraw();
  for (int i = 0; i < 200 && done().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(done(), (std::vector<std::string>{"a:ok"}));
  EXPECT_EQ(names(), (std::vector<std::string>{"a"}));
}

TEST_F(CommitQueueTest, BusyQueueCommitsAFullBatchWithoutFinish) {
  CommitQueue commits;
  for (std::size_t i = 0; i < CommitQueue::k_batch_files; ++i) {
    commits.announce();
    commits.add(ready("n" + std::to_string(i), "x"));
  }
  for (int i = 0; i < 400 && done().size() < CommitQueue::k_batch_files; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(done().size(), CommitQueue::k_batch_files);
  commits.finish();
}

// Polls `condition` for up to two seconds.
template <typename Condition> bool eventually(Condition condition) {
  for (int i = 0; i < 400 && !condition(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

TEST_F(CommitQueueTest, FilesStillBeingHashedAreSyncedAheadOfTheirBatch) {
  CommitQueue commits;
  commits.announce();
  ReadyPart part = ready("big", std::string(1000, 'b'));
  commits.written(part.file, CommitQueue::k_early_sync_bytes / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // Below the threshold, with transfers running: no sync yet.
  EXPECT_EQ(commits.syncs_ahead(), 0u);
  commits.written(part.file, CommitQueue::k_early_sync_bytes / 2);
  EXPECT_TRUE(eventually([&] { return commits.syncs_ahead() == 1; }));
  // The sync names nothing: the file waits for its digests.
  EXPECT_TRUE(done().empty());
  EXPECT_EQ(names(), (std::vector<std::string>{"big.part", "big.part.meta"}));
  commits.add(std::move(part));
  commits.finish();
  EXPECT_EQ(done(), (std::vector<std::string>{"big:ok"}));
  EXPECT_EQ(commits.syncs_ahead(), 1u);
}

TEST_F(CommitQueueTest, IdleTransfersSyncWhateverWasWrittenAtOnce) {
  CommitQueue commits;
  commits.announce();
  ReadyPart part = ready("small", "s");
  commits.written(part.file, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(commits.syncs_ahead(), 0u);
  // No transfer runs: every file to come is whole, nothing gains by waiting.
  commits.set_idle(TransfersIdle::yes);
  EXPECT_TRUE(eventually([&] { return commits.syncs_ahead() == 1; }));
  commits.add(std::move(part));
  commits.finish();
  EXPECT_EQ(done(), (std::vector<std::string>{"small:ok"}));
}

TEST_F(CommitQueueTest, AFailedRenameKeepsThePartAndSaysWhy) {
  ReadyPart part = ready("g", "content");
  // A target in a directory that does not exist cannot be renamed to.
  part.target = (dir() / "missing" / "g").string();
  {
    CommitQueue commits;
    commits.announce();
    commits.add(std::move(part));
  }
  std::vector<std::string> outcome = done();
  ASSERT_EQ(outcome.size(), 1u);
  EXPECT_NE(outcome[0], "g:ok");
  EXPECT_EQ(names(), (std::vector<std::string>{"g.part", "g.part.meta"}));
}

} // namespace
} // namespace hasher::net
