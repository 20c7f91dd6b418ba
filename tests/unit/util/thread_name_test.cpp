#include <hasher/util/thread_name.hpp>

#include <gtest/gtest.h>

#include <pthread.h>

#include <string>
#include <thread>

namespace hasher::util {
namespace {

#if defined(__linux__)
std::string name_of_this_thread() {
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}

TEST(ThreadName, NamesTheCallingThreadOnly) {
  std::string named;
  std::thread([&] {
    name_this_thread("hasher:commit");
    named = name_of_this_thread();
  }).join();
  EXPECT_EQ(named, "hasher:commit");
  EXPECT_NE(name_of_this_thread(), "hasher:commit");
}

TEST(ThreadName, ALongNameIsCutToFifteenCharacters) {
  std::string named;
  std::thread([&] {
    name_this_thread("hasher:a-name-far-too-long");
    named = name_of_this_thread();
  }).join();
  EXPECT_EQ(named, "hasher:a-name-f");
}
#endif

} // namespace
} // namespace hasher::util
