#include <hasher/net/part_hasher.hpp>

#include "support/temp_dir.hpp"

#include <hasher/digest/digest_set.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>
#include <hasher/util/core_confinement.hpp>
#include <hasher/util/encoding.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace hasher::net {
namespace {

std::vector<std::string> hex_all(const std::vector<util::Bytes>& digests) {
  std::vector<std::string> out;
  for (const util::Bytes& bytes : digests) out.push_back(util::to_hex(bytes));
  return out;
}

class PartHasherTest : public test::TempDir {
protected:
  void SetUp() override {
    test::TempDir::SetUp();
    if (!pipeline::MultiFileHasher::worthwhile(m_specs)) {
      GTEST_SKIP() << "no multi-buffer kernels on this CPU";
    }
  }

  // A file of `size` random bytes; returns its path, and the libraries'
  // digests of it into m_expected.
  std::string file(const std::string& name, std::size_t size) {
    std::vector<std::uint8_t> content(size);
    for (std::uint8_t& c : content) c = static_cast<std::uint8_t>(m_rng());
    std::string path = write_file(name, content);
    digest::DigestSet set(m_specs);
    set.update(digest::ByteView(content.data(), size));
    m_expected[path] = hex_all(set.finish());
    return path;
  }

  PartHasher::Done record(const std::string& path) {
    return [this, path](util::Result<pipeline::HashOutcome> outcome) {
      std::lock_guard lock(m_mutex);
      m_got[path] =
          outcome
              ? hex_all(outcome->digests)
              : std::vector<std::string>{"error: " + outcome.error().reason};
    };
  }

  // Until `path` has its outcome, or ten seconds (the hasher's thread runs
  // only on a core nothing else wants).
  void wait_for(const std::string& path) {
    for (int i = 0; i < 50000; ++i) {
      {
        std::lock_guard lock(m_mutex);
        if (m_got.count(path) != 0) return;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }

  std::vector<digest::AlgorithmSpec> m_specs =
      digest::parse_algorithm_list("crc32,md5,sha1,sha256");
  std::mt19937 m_rng{11};
  std::map<std::string, std::vector<std::string>> m_expected;
  std::mutex m_mutex;
  std::map<std::string, std::vector<std::string>> m_got;
};

// 50 files of mixed sizes added from three threads while rounds run: each
// gets the libraries' digests, once; a file that is gone gets its error.
TEST_F(PartHasherTest, EveryFileGetsTheLibraryDigests) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < 50; ++i) {
    paths.push_back(file("f" + std::to_string(i), (i * 37171) % 400000));
  }
  {
    PartHasher hasher(m_specs);
    std::vector<std::thread> adders;
    for (std::size_t t = 0; t < 3; ++t) {
      adders.emplace_back([&, t] {
        for (std::size_t i = t; i < paths.size(); i += 3) {
          hasher.add(paths[i], record(paths[i]));
          if (i % 7 == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
        }
      });
    }
    for (std::thread& adder : adders) adder.join();
    hasher.add((dir() / "missing").string(), record("missing"));
  }
  for (const std::string& path : paths) {
    EXPECT_EQ(m_got[path], m_expected[path]) << path;
  }
  ASSERT_EQ(m_got.count("missing"), 1u);
  EXPECT_NE(m_got["missing"].front().find("error"), std::string::npos);
  EXPECT_EQ(m_got.size(), paths.size() + 1);
}

// Fewer files than lanes, transfers still running: the round starts once
// the oldest has waited k_max_wait, not only at the end.
TEST_F(PartHasherTest, AFewFilesWaitNoLongerThanTheMaximum) {
  PartHasher hasher(m_specs);
  std::string path = file("one", 1000);
  auto added = std::chrono::steady_clock::now();
  hasher.add(path, record(path));
  wait_for(path);
  auto waited = std::chrono::steady_clock::now() - added;
  std::lock_guard lock(m_mutex);
  ASSERT_EQ(m_got.count(path), 1u) << "not hashed while the hasher runs";
  EXPECT_EQ(m_got[path], m_expected[path]);
  EXPECT_GE(waited, PartHasher::k_max_wait);
}

// Files no thread has taken yet are counted (the transfer loop spreads the
// job over every core when too many wait).
TEST_F(PartHasherTest, WaitingCountsTheFilesNoThreadHasTaken) {
  PartHasher hasher(m_specs);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < 3; ++i) {
    paths.push_back(file("w" + std::to_string(i), 1000));
  }
  for (const std::string& path : paths) hasher.add(path, record(path));
  // Fewer than a round, transfers running: they wait up to k_max_wait.
  EXPECT_EQ(hasher.waiting(), 3u);
  hasher.set_idle(true);
  for (const std::string& path : paths) wait_for(path);
  EXPECT_EQ(hasher.waiting(), 0u);
  std::lock_guard lock(m_mutex);
  for (const std::string& path : paths) {
    EXPECT_EQ(m_got[path], m_expected[path]) << path;
  }
}

// With no transfer running nothing more comes soon: a file is hashed at
// once.
TEST_F(PartHasherTest, IdleTransfersDoNotWait) {
  PartHasher hasher(m_specs);
  hasher.set_idle(true);
  std::string path = file("one", 5000);
  auto added = std::chrono::steady_clock::now();
  hasher.add(path, record(path));
  wait_for(path);
  auto waited = std::chrono::steady_clock::now() - added;
  std::lock_guard lock(m_mutex);
  ASSERT_EQ(m_got.count(path), 1u);
  EXPECT_EQ(m_got[path], m_expected[path]);
  EXPECT_LT(waited, PartHasher::k_max_wait);
}

// The hashing thread that runs while transfers do gets a core only when
// nothing else wants it; once no transfer runs, the files must be hashed
// all the same. Here one core is all there is and a busy loop takes it:
// the idle-priority thread would need about a minute for this file.
TEST_F(PartHasherTest, IdleTransfersAreHashedOnABusyMachine) {
  std::string path = file("big", std::size_t{32} << 20);
  std::atomic<bool> busy{true};
  {
    // On a one-core machine there is nothing to confine: one core is all
    // there is already.
    util::CoreConfinement one_core;
    PartHasher hasher(m_specs); // its threads inherit the one core
    std::thread hog([&] {
      while (busy.load(std::memory_order_relaxed)) {
      }
    });
    hasher.set_idle(true);
    hasher.add(path, record(path));
    wait_for(path);
    {
      std::lock_guard lock(m_mutex);
      EXPECT_EQ(m_got.count(path), 1u) << "not hashed while the core was busy";
    }
    busy = false;
    hog.join();
  }
  std::lock_guard lock(m_mutex);
  EXPECT_EQ(m_got[path], m_expected[path]);
}

// At the end of a run the files left are hashed on every core: the
// threads that hash while no transfer runs each take a share of them.
TEST_F(PartHasherTest, IdleTransfersShareTheFilesLeftBetweenCores) {
  if (std::thread::hardware_concurrency() < 2) {
    GTEST_SKIP() << "one core: one thread hashes";
  }
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < 32; ++i) {
    paths.push_back(file("s" + std::to_string(i), std::size_t{1} << 20));
  }
  std::set<std::thread::id> threads;
  {
    PartHasher hasher(m_specs);
    hasher.set_idle(true);
    for (const std::string& path : paths) {
      hasher.add(path, [this, path, &threads, done = record(path)](auto got) {
        {
          std::lock_guard lock(m_mutex);
          threads.insert(std::this_thread::get_id());
        }
        done(std::move(got));
      });
    }
  }
  for (const std::string& path : paths) {
    EXPECT_EQ(m_got[path], m_expected[path]) << path;
  }
  EXPECT_GE(threads.size(), 2u);
}

} // namespace
} // namespace hasher::net
