// json.hpp — the engine's JSON value: parsed from untrusted text without a throw, built by the contract
// layer, written back as text. Its own, not nlohmann's (issue 13): every operation is one out-of-line call,
// so the wasm module carries one small copy of each instead of a template expansion at every call site
// (485 -> 429 KB raw, 150 -> 137 KB after LZMA; evaluate() as fast within noise). The calls keep nlohmann's
// names and meaning where the contract layer used them (get<T>, find, contains, value, push_back, dump;
// {{"key", value}, …} makes an object), and the text is the same: keys in sorted order, numbers as nlohmann
// wrote them (contract/json_number.hpp), invalid UTF-8 written as U+FFFD. tests/engine/json_test.cpp and the
// fuzz target hold it to nlohmann's verdict and text.
#pragma once

#include <climits>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcoscope {

class JsonInit;

class Json {
 public:
  // An integer is held as int64; one above INT64_MAX (up to 2^64 - 1) as unsigned_integer, so that a message
  // can quote it as given.
  enum class Type : unsigned char {
    null,
    boolean,
    integer,
    unsigned_integer,
    number,
    string,
    array,
    object,
    discarded
  };
  using Member = std::pair<std::string, Json>;
  using Array = std::vector<Json>;
  using Object = std::vector<Member>;  // sorted by key, keys unique

  // Where a parse failed: the character (from 1) the parser stopped at, as nlohmann counted it (past the end
  // for text that ends early), the token it was reading, and, with locate, the containers it was in.
  struct Level {
    bool object;
    bool has_key;  // an object's key was read and its value not yet
    std::string key;
    std::size_t index;  // an array's items read so far
  };
  struct ParseError {
    std::size_t position = 0;
    std::string token;
    std::string message;  // what was expected, for people: "a value", "a string key", "end of input"
    std::vector<Level> levels;
  };

  Json() noexcept : type_(Type::null), i_(0) {}
  Json(std::nullptr_t) noexcept : Json() {}
  Json(bool b) noexcept : type_(Type::boolean), b_(b) {}
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) Json(T x)
  noexcept : type_(Type::integer), i_(static_cast<std::int64_t>(x)) {
    if constexpr (std::is_unsigned_v<T>)
      if (static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(INT64_MAX))
        type_ = Type::unsigned_integer;
  }
  Json(double x) noexcept : type_(Type::number), d_(x) {}
  Json(float x) noexcept : Json(static_cast<double>(x)) {}
  Json(const char* s);
  Json(std::string_view s);
  Json(const std::string& s);
  Json(std::string&& s);
  template <class T>
  Json(const std::optional<T>& x) : Json() {
    if (x) *this = Json(*x);
  }
  // A container of values (std::vector, std::array) as an array.
  template <class R>
  requires(std::ranges::range<const R> && !std::convertible_to<const R&, std::string_view> &&
           !std::same_as<std::ranges::range_value_t<R>, Json>) Json(const R& xs)
      : Json(array()) {
    for (const auto& x : xs) push_back(Json(x));
  }
  Json(Array&& a);
  Json(const Array& a);
  // nlohmann's rule: a list whose items are all [string, value] pairs is an object, else an array.
  Json(std::initializer_list<JsonInit> items);
  Json(const Json& other);
  Json(Json&& other) noexcept : type_(other.type_), i_(other.i_) { other.type_ = Type::null; }
  Json& operator=(const Json& other);
  Json& operator=(Json&& other) noexcept;
  ~Json() { release(); }

  // Arrays and objects nested deeper than this do not parse (the contract layer's limits are far lower; this
  // bounds the parser's recursion for any caller).
  static constexpr std::size_t kMaxParseDepth = 512;

  static Json array();
  static Json array(std::initializer_list<JsonInit> items);
  static Json object();
  // The text as one JSON value, or a discarded value (is_discarded()) when it is not one; nothing throws.
  // `error`, when given, is filled on failure; with `locate` it also names the containers (a second pass).
  static Json parse(std::string_view text, ParseError* error = nullptr, bool locate = false);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_boolean() const { return type_ == Type::boolean; }
  bool is_number() const { return is_number_integer() || type_ == Type::number; }
  bool is_number_integer() const { return type_ == Type::integer || type_ == Type::unsigned_integer; }
  bool is_number_float() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }
  bool is_structured() const { return is_array() || is_object(); }
  bool is_discarded() const { return type_ == Type::discarded; }

  // Values. A number of the other kind converts (nlohmann's static_cast); another type gives the zero
  // value, where nlohmann would throw: callers check the type first, as the contract layer does.
  bool boolean() const { return type_ == Type::boolean && b_; }
  double number() const;
  std::int64_t integer() const;
  std::uint64_t unsigned_integer() const {
    return type_ == Type::unsigned_integer ? static_cast<std::uint64_t>(i_) : 0;
  }
  const std::string& string() const;  // "" unless a string
  std::string& string();              // a string: its text (a null becomes "")
  template <class T>
  T get() const;

  // Arrays and objects. size(): items or members (0 for null, 1 for any other value, as nlohmann).
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  const Array& items() const;  // empty unless an array
  Array& items();              // an array's items (a null becomes [])
  const Object& members() const;
  Object& members();
  void push_back(Json x);  // a null becomes an array
  Json& back();
  const Json& back() const;
  // An array's item (past the end: the array grows with nulls; const: a null).
  template <std::integral T>
  Json& operator[](T i) {
    return item(static_cast<std::size_t>(i));
  }
  template <std::integral T>
  const Json& operator[](T i) const {
    return item(static_cast<std::size_t>(i));
  }
  Json& item(std::size_t i);
  const Json& item(std::size_t i) const;
  Json& operator[](std::string_view key);              // a member, made null when missing (a null becomes {})
  const Json& operator[](std::string_view key) const;  // a member, or a null when missing
  Json& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  const Json& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  Json& operator[](const std::string& key) { return (*this)[std::string_view(key)]; }
  const Json& operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  const Json& at(std::string_view key) const { return (*this)[key]; }
  const Json* lookup(std::string_view key) const;  // a member, or null when missing or not an object
  Json* lookup(std::string_view key);
  bool contains(std::string_view key) const { return lookup(key) != nullptr; }
  // The value at a JSON pointer (RFC 6901: "/a/0/b", ~0 for ~ and ~1 for /), or null when there is none.
  const Json* at_pointer(std::string_view pointer) const;
  std::size_t erase(std::string_view key);
  void update(const Json& other);  // other's members replace or join this object's
  // A member's value if this is an object holding the key with a value of the default's type, else the
  // default.
  std::string value(std::string_view key, const char* fallback) const;
  std::string value(std::string_view key, const std::string& fallback) const;
  double value(std::string_view key, double fallback) const;
  bool value(std::string_view key, bool fallback) const;
  int value(std::string_view key, int fallback) const;
  Json value(std::string_view key, const Json& fallback) const;

  // Iteration: an array's items, or an object's members (key(), value()), in order.
  template <class J, class M>
  class Iterator {
   public:
    Iterator(J* item, M* member) : item_(item), member_(member) {}
    J& operator*() const { return member_ ? member_->second : *item_; }
    J* operator->() const { return &**this; }
    Iterator& operator++() {
      if (member_)
        ++member_;
      else
        ++item_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return item_ == o.item_ && member_ == o.member_; }
    const std::string& key() const { return member_->first; }
    J& value() const { return **this; }

   private:
    J* item_;
    M* member_;
  };
  using iterator = Iterator<Json, Member>;
  using const_iterator = Iterator<const Json, const Member>;
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  iterator find(std::string_view key);
  const_iterator find(std::string_view key) const;

  // Text: compact with indent < 0, else one member or item per line, indented by `indent` spaces. Numbers
  // that are not finite are written as null (ops checks for them first).
  std::string dump(int indent = -1) const;

  friend bool operator==(const Json& a, const Json& b);

 private:
  void release() noexcept;
  Type type_;
  union {
    bool b_;
    std::int64_t i_;
    double d_;
    std::string* s_;
    Array* a_;
    Object* o_;
  };
  friend class JsonParser;
};

// An item of a braced list ({{"key", value}, …}): a note of what to make, not yet a value. The list's items
// and the temporaries they point to live until the end of the full expression, so the value is made, in one
// out-of-line call for the whole list, from pointers: a call site holds no constructor or destructor calls.
class JsonInit {
 public:
  JsonInit(std::nullptr_t) : kind_(Kind::null) {}
  JsonInit(bool b) : kind_(Kind::boolean) { u_.b = b; }
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) JsonInit(T x) : kind_(Kind::integer) {
    u_.i = static_cast<std::int64_t>(x);
    if constexpr (std::is_unsigned_v<T>)
      if (static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(INT64_MAX))
        kind_ = Kind::unsigned_integer;
  }
  JsonInit(double x) : kind_(Kind::number) { u_.d = x; }
  JsonInit(float x) : JsonInit(static_cast<double>(x)) {}
  JsonInit(const char* s) : kind_(Kind::text) { u_.text = {s, s ? std::char_traits<char>::length(s) : 0}; }
  JsonInit(std::string_view s) : kind_(Kind::text) { u_.text = {s.data(), s.size()}; }
  JsonInit(const std::string& s) : kind_(Kind::text) { u_.text = {s.data(), s.size()}; }
  JsonInit(std::string&& s) : kind_(Kind::moved_string) { u_.moved_string = &s; }
  JsonInit(const Json& j) : kind_(Kind::copied) { u_.copied = &j; }
  JsonInit(Json&& j) : kind_(Kind::moved) { u_.moved = &j; }
  JsonInit(Json& j) : JsonInit(static_cast<const Json&>(j)) {}
  JsonInit(std::initializer_list<JsonInit> items) : kind_(Kind::list) {
    u_.list = {items.begin(), items.size()};
  }
  // Anything else a Json is made from (std::optional, containers): made by one function per type.
  template <class T>
  requires(!std::is_arithmetic_v<T> && !std::is_pointer_v<T> && !std::is_array_v<T> &&
           !std::is_null_pointer_v<T> && !std::convertible_to<const T&, std::string_view> &&
           !std::same_as<T, Json> && std::constructible_from<Json, const T&>) JsonInit(const T& x)
      : kind_(Kind::other) {
    u_.other = {&x, [](const void* p) { return Json(*static_cast<const T*>(p)); }};
  }

  // Made from a list: an object when every item is a [string, value] pair (nlohmann's rule), else an array.
  static Json make(const JsonInit* items, std::size_t n);
  static Json make_array(const JsonInit* items, std::size_t n);  // the items as an array, pairs or not
  Json make() const;

 private:
  enum class Kind : unsigned char {
    null,
    boolean,
    integer,
    unsigned_integer,
    number,
    text,
    moved_string,
    copied,
    moved,
    list,
    other
  };
  bool is_pair() const;
  bool is_string() const;
  std::string_view text() const;
  Kind kind_;
  union {
    bool b;
    std::int64_t i;
    double d;
    struct {
      const char* data;
      std::size_t size;
    } text;
    std::string* moved_string;
    const Json* copied;
    Json* moved;
    struct {
      const JsonInit* begin;
      std::size_t size;
    } list;
    struct {
      const void* object;
      Json (*make)(const void*);
    } other;
  } u_;
};

inline Json::Json(std::initializer_list<JsonInit> items)
    : Json(JsonInit::make(items.begin(), items.size())) {}

template <>
inline bool Json::get<bool>() const {
  return boolean();
}
template <>
inline double Json::get<double>() const {
  return number();
}
template <>
inline int Json::get<int>() const {
  return static_cast<int>(integer());
}
template <>
inline std::int64_t Json::get<std::int64_t>() const {
  return integer();
}
template <>
inline std::size_t Json::get<std::size_t>() const {
  return static_cast<std::size_t>(integer());
}
template <>
inline std::string Json::get<std::string>() const {
  return string();
}

}  // namespace tcoscope
