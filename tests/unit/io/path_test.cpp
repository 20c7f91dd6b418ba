#include <hasher/io/path.hpp>

#include <gtest/gtest.h>

namespace hasher::io {
namespace {

TEST(AbsolutePath, NormalisesLexically) {
  EXPECT_EQ(absolute_path("a/./b//c/../d", "/w"), "/w/a/b/d");
  EXPECT_EQ(absolute_path("/x/../y/", "/w"), "/y");
  EXPECT_EQ(absolute_path("..", "/"), "/");
  EXPECT_EQ(absolute_path("f", "/w/./v/"), "/w/v/f");
}

// The cached maker must give what absolute_path gives, whatever the path.
TEST(AbsolutePaths, AgreesWithAbsolutePath) {
  const char* paths[] = {"a/b/c",  "a/b/d",  "a/e",      "f",
                         "/r/s",   "/r/t",   "a/./b/x",  "a/b/.",
                         "a/b/..", "a//b/y", "../up/z",  "/",
                         "/top",   "dir/",   "dir/.hid", "a/b/c/../q"};
  for (const char* cwd : {"/w", "/", "/w/./v/"}) {
    AbsolutePaths maker(cwd);
    for (const char* path : paths) {
      EXPECT_EQ(maker.make(path), absolute_path(path, cwd))
          << path << " in " << cwd;
    }
  }
}

TEST(RelativePath, WalksUpAndDown) {
  EXPECT_EQ(relative_path("/a/b/c", "/a"), "b/c");
  EXPECT_EQ(relative_path("/a/b/c", "/a/x"), "../b/c");
  EXPECT_EQ(relative_path("/a/b/c", "/a/b/c"), ".");
  EXPECT_EQ(relative_path("/a/b", "/a/b/c/d"), "../..");
  EXPECT_EQ(relative_path("/a/b", "/"), "a/b");
  EXPECT_EQ(relative_path("/ab/c", "/a"), "../ab/c");
}

} // namespace
} // namespace hasher::io
