#include <hasher/net/safe_name.hpp>

#include <gtest/gtest.h>

namespace hasher::net {
namespace {

std::string tree_path(const char* text) {
  util::Result<Url> url = parse_url(text);
  EXPECT_TRUE(url) << text;
  return url ? relative_path_for(*url, Layout::tree) : "";
}

std::string flat_path(const char* text) {
  util::Result<Url> url = parse_url(text);
  EXPECT_TRUE(url) << text;
  return url ? relative_path_for(*url, Layout::flat) : "";
}

// No component may be empty, `.` or `..`, and the path is relative.
void expect_contained(const std::string& path) {
  ASSERT_FALSE(path.empty());
  EXPECT_NE(path[0], '/') << path;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash - start);
    EXPECT_FALSE(part.empty() || part == "." || part == "..") << path;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
}

TEST(RelativePathFor, HostThenPath) {
  EXPECT_EQ(tree_path("http://h/a/b.txt"), "h/a/b.txt");
  EXPECT_EQ(tree_path("http://h:8080/a/b.txt?x=1"), "h_8080/a/b.txt");
  EXPECT_EQ(tree_path("http://h/"), "h/index.html");
  EXPECT_EQ(tree_path("http://h/dir/"), "h/dir/index.html");
  EXPECT_EQ(tree_path("http://h/a%20b"), "h/a b");
  EXPECT_EQ(flat_path("http://h/a/b.txt"), "b.txt");
  EXPECT_EQ(flat_path("http://h/a/"), "index.html");
}

TEST(RelativePathFor, NeverLeavesDest) {
  const char* attempts[] = {"http://h/../../etc/passwd",
                            "http://h/a/../../../x",
                            "http://h/%2e%2e/%2E%2E/x",
                            "http://h/%2e%2e%2f%2e%2e%2fx",
                            "http://h//etc/passwd",
                            "http://h/./././",
                            "http://h/..",
                            "http://h/a/%2e%2e",
                            "http://h/..%5c..%5cx",
                            "http://h/a%00b/c%0a%0dd",
                            "http://h/%2f",
                            "http://[::1]:81/.."};
  for (const char* text : attempts) {
    expect_contained(tree_path(text));
    expect_contained(flat_path(text));
  }
  EXPECT_EQ(tree_path("http://h/../../etc/passwd"), "h/etc/passwd");
  EXPECT_EQ(tree_path("http://h/%2e%2e%2f%2e%2e%2fx"), "h/.._.._x");
  EXPECT_EQ(tree_path("http://h/..%5c..%5cx"), "h/.._.._x");
  EXPECT_EQ(tree_path("http://h/a%00b/c%0a%0dd"), "h/a_b/c__d");
  EXPECT_EQ(flat_path("http://h/.."), "index.html");
  EXPECT_EQ(tree_path("http://[::1]:81/x"), "__1_81/x");
}

TEST(SafeComponent, CleansOneName) {
  EXPECT_EQ(safe_component("..", "f"), "f");
  EXPECT_EQ(safe_component(".", "f"), "f");
  EXPECT_EQ(safe_component("", "f"), "f");
  EXPECT_EQ(safe_component("a/b\\c", "f"), "a_b_c");
  EXPECT_EQ(safe_component(std::string("a\0b\x7f", 4), "f"), "a_b_");
  EXPECT_EQ(safe_component(std::string(300, 'x'), "f").size(), 255U);
  // "é" is two bytes; a cut may not split it.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
  std::string cut = safe_component(accents, "f");
  EXPECT_EQ(cut.size(), 254U);
  EXPECT_EQ(static_cast<unsigned char>(cut.back()), 0xa9);
}

TEST(DispositionFileName, PlainAndQuoted) {
  EXPECT_EQ(disposition_file_name("attachment; filename=report.pdf"),
            "report.pdf");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"a \\\"b\\\".txt\""),
            "a \"b\".txt");
  EXPECT_EQ(disposition_file_name("attachment;filename=\"x;y\"; size=3"),
            "x;y");
  EXPECT_EQ(disposition_file_name("inline"), std::nullopt);
  EXPECT_EQ(disposition_file_name("attachment; name=x"), std::nullopt);
}

TEST(DispositionFileName, ExtendedWins) {
  EXPECT_EQ(disposition_file_name("attachment; filename=\"plain.txt\"; "
                                  "filename*=UTF-8''%e2%82%ac%20rates.txt"),
            "\xe2\x82\xac rates.txt");
  EXPECT_EQ(disposition_file_name("attachment; filename*=iso-8859-1'en'x.txt; "
                                  "filename=y.txt"),
            "y.txt");
}

TEST(DispositionFileName, NeverLeavesDest) {
  EXPECT_EQ(disposition_file_name("attachment; filename=../../evil"), "evil");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"/etc/passwd\""),
            "passwd");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"..\\\\..\\\\x\""),
            "x");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"..\""), "download");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"a/\""), "download");
  EXPECT_EQ(disposition_file_name("attachment; filename*=UTF-8''..%2F..%2Fx"),
            "x");
  EXPECT_EQ(disposition_file_name("attachment; filename*=UTF-8''a%00b%0a"),
            "a_b_");
  EXPECT_EQ(disposition_file_name("attachment; filename=\"\""), "download");
}

} // namespace
} // namespace hasher::net
