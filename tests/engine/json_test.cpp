// json_test.cpp — the engine's JSON value (contract/json.hpp): what it accepts, how it writes, how it builds,
// and, on many generated and mangled texts, the same verdict and the same text as nlohmann/json, an
// independent implementation the engine used before (issue 13).
#include "contract/json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_support.hpp"

namespace tcoscope {
namespace {

bool accepts(std::string_view text) {
  return !Json::parse(text).is_discarded();
}

TEST(json_test, reads_and_writes_every_kind_of_value) {
  Json j =
      Json::parse(R"( {"b": [1, -2, 2.5, true, false, null], "a": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} )");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.size(), 2u);
  EXPECT_EQ(j["b"][0].integer(), 1);
  EXPECT_EQ(j["b"][1].integer(), -2);
  EXPECT_EQ(j["b"][2].number(), 2.5);
  EXPECT_TRUE(j["b"][3].boolean());
  EXPECT_TRUE(j["b"][5].is_null());
  EXPECT_EQ(j["a"].string(), "x\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  // Keys in order, the escapes nlohmann writes, UTF-8 as it is.
  EXPECT_EQ(j.dump(),
            "{\"a\":\"x\\\"\\\\/\\b\\f\\n\\r\\t\xC3\xA9\xF0\x9F\x98\x80\",\"b\":[1,-2,2.5,true,false,null]}");
  EXPECT_EQ(Json::parse("{}").dump(2), "{}");
  EXPECT_EQ(Json::parse(R"({"a": [1, {"b": []}]})").dump(2),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ]\n}");
  EXPECT_EQ(Json(std::string("\x01\x1f", 2)).dump(), "\"\\u0001\\u001f\"");
  EXPECT_EQ(Json(2.0).dump(), "2.0");
  EXPECT_EQ(Json(std::uint64_t{18446744073709551615u}).dump(), "18446744073709551615");
  EXPECT_EQ(Json::parse("18446744073709551615").dump(), "18446744073709551615");
  EXPECT_EQ(Json::parse("18446744073709551616").dump(), "1.8446744073709552e+19");
  EXPECT_EQ(Json::parse("-0").dump(), "0");
  EXPECT_EQ(Json::parse("-0.0").dump(), "-0.0");
}

TEST(json_test, rejects_what_is_not_json) {
  for (const char* bad : {"",
                          " ",
                          "{",
                          "[1,]",
                          "{\"a\":1,}",
                          "{'a':1}",
                          "01",
                          "1.",
                          ".5",
                          "1e",
                          "-",
                          "+1",
                          "tru",
                          "nul",
                          "NaN",
                          "Infinity",
                          "1e400",
                          "-1e400",
                          "\"a",
                          "\"\\x\"",
                          "\"\\u12\"",
                          "\"\t\"",
                          "\"\\ud800\"",
                          "\"\\udc00\"",
                          "\"\\ud800\\u0041\"",
                          "\"\xC0\xAF\"",
                          "\"\xED\xA0\x80\"",
                          "\"\xF4\x90\x80\x80\"",
                          "\"\x80\"",
                          "{} {}",
                          "[1] x",
                          "{\"a\" 1}",
                          "{1: 2}"})
    EXPECT_FALSE(accepts(bad)) << bad;
  for (const char* good : {"0", "-1", "1e5", "1E-5", "0.5e+3", "\"\"", "[]", "{}", " [ 1 , 2 ] ",
                           "\xEF\xBB\xBF{}", "\"\\u0000\"", "\"\x7F\"", "1e-400"})
    EXPECT_TRUE(accepts(good)) << good;
  // A NUL byte after the value is text after it (nlohmann would stop reading there and accept).
  EXPECT_FALSE(accepts(std::string_view("1\0x", 3)));
  EXPECT_FALSE(accepts(std::string_view("\"a\0\"", 4)));
  std::string deep(Json::kMaxParseDepth, '[');
  deep += std::string(Json::kMaxParseDepth, ']');
  EXPECT_TRUE(accepts(deep));
  EXPECT_FALSE(accepts("[" + deep + "]"));  // bounded recursion: an error, not a stack overflow
}

TEST(json_test, a_failed_parse_says_where_and_in_which_field) {
  Json::ParseError e;
  ASSERT_TRUE(Json::parse(R"({"a": {"b": [1, 2, x]}})", &e, /*locate=*/true).is_discarded());
  EXPECT_EQ(e.position, 20u);  // the character it stopped at, from 1
  EXPECT_EQ(e.token, "x");
  ASSERT_EQ(e.levels.size(), 3u);
  EXPECT_EQ(e.levels[0].key, "a");
  EXPECT_EQ(e.levels[1].key, "b");
  EXPECT_EQ(e.levels[2].index, 2u);
  ASSERT_TRUE(Json::parse(R"({"name": "trunc)", &e, true).is_discarded());
  EXPECT_EQ(e.position, 16u);  // past the end: the text ended early
  EXPECT_EQ(e.token, "\"trunc");
  ASSERT_TRUE(Json::parse("1e999", &e).is_discarded());
  EXPECT_EQ(e.token, "1e999");
  EXPECT_TRUE(e.levels.empty());  // not asked to locate
}

TEST(json_test, repeated_keys_keep_the_last_value) {
  EXPECT_EQ(Json::parse(R"({"b": 1, "a": 2, "b": 3})").dump(), R"({"a":2,"b":3})");
}

TEST(json_test, an_object_of_many_keys_out_of_order_parses_in_one_sort) {
  // 100,000 keys, last to first: an insertion in place per key would move 5e9 members (minutes, not ms).
  std::string text = "{";
  for (int i = 99999; i >= 0; --i)
    text += "\"k" + std::to_string(100000 + i) + "\": " + std::to_string(i) + ",";
  text += "\"k100000\": -1}";  // a repeated key: its last value wins
  const Json j = Json::parse(text);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.size(), 100000u);
  EXPECT_EQ(j.members().front().first, "k100000");
  EXPECT_EQ(j["k100000"].integer(), -1);
  EXPECT_EQ(j["k199999"].integer(), 99999);
  EXPECT_TRUE(std::is_sorted(j.members().begin(), j.members().end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
}

TEST(json_test, braced_lists_make_objects_of_pairs_and_arrays_otherwise) {
  std::string moved = "moved";
  const Json inner = {{"x", 1}};
  Json j = {{"s", "text"},
            {"n", 1.5},
            {"i", 3},
            {"b", false},
            {"z", nullptr},
            {"m", std::move(moved)},
            {"inner", inner},
            {"list", {1, 2, 3}},
            {"opt", std::optional<double>()},
            {"vec", std::vector<double>{0.5, 1}}};
  EXPECT_EQ(
      j.dump(),
      R"({"b":false,"i":3,"inner":{"x":1},"list":[1,2,3],"m":"moved","n":1.5,"opt":null,"s":"text","vec":[0.5,1.0],"z":null})");
  EXPECT_EQ(inner.dump(), R"({"x":1})");  // copied, not moved
  EXPECT_TRUE((Json{1, "a"}).is_array());
  EXPECT_TRUE((Json{{"a", 1}, {2, 3}}).is_array());  // one item is not a [string, value] pair
  EXPECT_EQ(Json::array({1, "two"}).dump(), R"([1,"two"])");
}

TEST(json_test, braced_lists_sort_once_and_keep_the_last_of_a_repeated_key) {
  // Few members (an insertion sort) and many (a merge sort): the same order and the same winner as assigning
  // each member in turn.
  const Json few = {{"c", 1}, {"a", 2}, {"c", 3}, {"b", 4}, {"a", 5}};
  EXPECT_EQ(few.dump(), R"({"a":5,"b":4,"c":3})");
  const Json many = {{"r", 1},  {"q", 2},  {"p", 3},  {"o", 4},  {"n", 5},  {"m", 6},  {"l", 7},
                     {"k", 8},  {"j", 9},  {"i", 10}, {"h", 11}, {"g", 12}, {"f", 13}, {"e", 14},
                     {"d", 15}, {"c", 16}, {"b", 17}, {"a", 18}, {"r", 19}, {"a", 20}};
  Json assigned = Json::object();
  for (const auto& [k, v] : many.members()) assigned[k] = v;
  EXPECT_EQ(many.size(), 18u);
  EXPECT_EQ(many["r"].integer(), 19);
  EXPECT_EQ(many["a"].integer(), 20);
  EXPECT_EQ(many, assigned);
  EXPECT_TRUE(std::is_sorted(many.members().begin(), many.members().end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
  const Json sorted = {{"a", 1}, {"b", 2}};
  EXPECT_EQ(sorted.dump(), R"({"a":1,"b":2})");
}

TEST(json_test, strings_are_written_in_runs_between_their_escapes) {
  EXPECT_EQ(Json("plain text").dump(), R"("plain text")");
  EXPECT_EQ(Json("a\"b\\c\nd\x01"
                 "e é")
                .dump(),
            "\"a\\\"b\\\\c\\nd\\u0001e é\"");
  EXPECT_EQ(Json("\"").dump(), R"("\"")");
  EXPECT_EQ(Json("").dump(), R"("")");
}

TEST(json_test, members_pointers_and_equality) {
  Json j = Json::parse(R"({"a/b": {"c~d": [10, 20]}, "n": 1})");
  ASSERT_NE(j.at_pointer("/a~1b/c~0d/1"), nullptr);
  EXPECT_EQ(j.at_pointer("/a~1b/c~0d/1")->integer(), 20);
  EXPECT_EQ(j.at_pointer("/a~1b/c~0d/2"), nullptr);
  EXPECT_EQ(j.at_pointer("/a~1b/c~0d/01"), nullptr);
  EXPECT_EQ(j.at_pointer(""), &j);
  EXPECT_EQ(j.value("n", 0.0), 1.0);
  EXPECT_EQ(j.value("missing", std::string("fallback")), "fallback");
  EXPECT_EQ(j["n"], Json(1.0));  // numbers compare by value
  EXPECT_NE(j["n"], Json("1"));
  EXPECT_EQ(j.erase("n"), 1u);
  EXPECT_FALSE(j.contains("n"));
  const Json& c = j;
  EXPECT_TRUE(c["nothing"].is_null());
  EXPECT_FALSE(c.contains("nothing"));  // a const read adds nothing
  j["added"]["deep"] = 2;
  EXPECT_EQ(j.dump(), R"({"a/b":{"c~d":[10,20]},"added":{"deep":2}})");
}

TEST(json_test, invalid_utf8_in_a_value_is_written_as_replacement_characters) {
  // Not from the parser (it rejects these) but from text the engine cuts or copies.
  EXPECT_EQ(Json(std::string("a\xC3")).dump(), "\"a\xEF\xBF\xBD\"");
  EXPECT_EQ(Json(std::string("\xE2\x82z")).dump(), "\"\xEF\xBF\xBDz\"");
  EXPECT_EQ(Json(std::string("\xFF\xFE")).dump(), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(
      nlohmann::json(std::string("\xE2\x82z")).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      Json(std::string("\xE2\x82z")).dump());
}

// Random documents: nested values with awkward strings and numbers of every size.
std::string random_value(std::mt19937_64& r, int depth) {
  auto pick = [&](int n) { return static_cast<int>(r() % static_cast<std::uint64_t>(n)); };
  static const char* kStrings[] = {"",         "a",    "\\\"",     "\\\\", "\\u00e9", "\\ud83d\\ude00",
                                   "\xC3\xA9", "\x7F", "\\u0000x", "\\n",  "tab\\t",  "\xF0\x9F\x98\x80",
                                   "~/"};
  static const char* kNumbers[] = {"0",
                                   "-0",
                                   "1",
                                   "-1",
                                   "0.1",
                                   "1e5",
                                   "1E-7",
                                   "123456789012345678",
                                   "9223372036854775807",
                                   "-9223372036854775808",
                                   "9223372036854775808",
                                   "18446744073709551615",
                                   "18446744073709551616",
                                   "2.5e-320",
                                   "1.7976931348623157e308",
                                   "3.14159",
                                   "100.0",
                                   "1e15",
                                   "1e16",
                                   "0.0001",
                                   "0.00001",
                                   "-2.5"};
  switch (depth > 4 ? pick(5) : pick(7)) {
    case 0:
      return kNumbers[pick(std::size(kNumbers))];
    case 1: {
      std::string s = "\"";
      for (int n = pick(3); n >= 0; --n) s += kStrings[pick(std::size(kStrings))];
      return s + "\"";
    }
    case 2:
      return pick(2) ? "true" : "false";
    case 3:
      return "null";
    case 4: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", std::uniform_real_distribution<double>(-1e6, 1e6)(r));
      return buf;
    }
    case 5: {
      std::string s = "[";
      for (int n = pick(4); n > 0; --n) s += random_value(r, depth + 1) + (n > 1 ? ", " : "");
      return s + "]";
    }
    default: {
      std::string s = "{";
      for (int n = pick(4); n > 0; --n)
        s += "\"k" + std::to_string(pick(5)) + "\": " + random_value(r, depth + 1) + (n > 1 ? ", " : "");
      return s + "}";
    }
  }
}

// Mangles a text: drops, repeats, flips or inserts a byte, or cuts it short.
std::string mangled(std::string s, std::mt19937_64& r) {
  if (s.empty()) return s;
  const std::size_t at = r() % s.size();
  static const char kBytes[] = {'{', '}', '[', ']', '"', '\\',   ',',    ':',    '0',
                                'e', '-', '.', ' ', 'u', '\x80', '\xC3', '\xF0', '\x01'};
  switch (r() % 5) {
    case 0:
      s.erase(at, 1);
      break;
    case 1:
      s.insert(at, 1, s[at]);
      break;
    case 2:
      s[at] = kBytes[r() % sizeof kBytes];
      break;
    case 3:
      s.insert(at, 1, kBytes[r() % sizeof kBytes]);
      break;
    default:
      s.resize(at);
  }
  return s;
}

// A tenth of the cases in the sanitize tree (-O0 under ASan + UBSan, some 20 times slower).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCOSCOPE_JSON_TEST_SLOW 1
#endif
#endif
#if !defined(__OPTIMIZE__) || defined(__SANITIZE_ADDRESS__)
#define TCOSCOPE_JSON_TEST_SLOW 1
#endif
#ifdef TCOSCOPE_JSON_TEST_SLOW
constexpr int kCases = 3000;
#else
constexpr int kCases = 30000;
#endif

TEST(json_test, accepts_and_writes_what_nlohmann_does_on_generated_and_mangled_texts) {
  std::mt19937_64 r(20261203);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < kCases; ++i) {
    std::string text = random_value(r, 0);
    for (int m = static_cast<int>(r() % 3); m > 0; --m) text = mangled(text, r);
    const Json ours = Json::parse(text);
    const nlohmann::json theirs = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    ASSERT_EQ(ours.is_discarded(), theirs.is_discarded()) << text;
    if (ours.is_discarded()) {
      ++rejected;
      continue;
    }
    ++accepted;
    ASSERT_EQ(ours.dump(), theirs.dump()) << text;
    ASSERT_EQ(ours.dump(2), theirs.dump(2)) << text;
    ASSERT_EQ(Json::parse(ours.dump()), ours) << text;  // what it writes, it reads back the same
  }
  EXPECT_GT(accepted, kCases / 4);  // both kinds are exercised
  EXPECT_GT(rejected, kCases / 10);
}

}  // namespace
}  // namespace tcoscope
