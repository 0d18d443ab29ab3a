// json_number.cpp — Grisu2 (Loitsch 2010, "Printing Floating-Point Numbers Quickly and Accurately with
// Integers") for the digits, written from the paper with the choices that make it agree with nlohmann's
// dump() to the byte (checked over millions of doubles: tests/engine/json_number_test.cpp): the boundaries
// halfway to the neighbouring doubles, a window of binary exponents [-60, -32] for the scaled numbers, cached
// powers 10^-300 .. 10^324 in steps of 8 with the first one that reaches the window, and the last digit moved
// toward x while it stays inside the boundaries. Then nlohmann's layout of the digits.
#include "contract/json_number.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace tcoscope::json_number {
namespace {

using u64 = std::uint64_t;

struct Fp {  // f × 2^e
  u64 f;
  int e;
};

// The upper 64 bits of the 128-bit product, rounded half up (the paper's rounded multiplication), from 32-bit
// halves: no 128-bit type, the same code natively and in wasm.
Fp mul(Fp a, Fp b) {
  const u64 m = 0xFFFFFFFF;
  const u64 ah = a.f >> 32, al = a.f & m, bh = b.f >> 32, bl = b.f & m;
  const u64 hl = ah * bl, lh = al * bh;
  const u64 mid = (al * bl >> 32) + (hl & m) + (lh & m) + (u64{1} << 31);
  return {ah * bh + (hl >> 32) + (lh >> 32) + (mid >> 32), a.e + b.e + 64};
}

// The scaled numbers' binary exponents lie in [kAlpha, -32] (their integer part fits 32 bits). Entries 8
// decimal digits apart are under 27 bits apart: one always falls inside that 29-bit window.
constexpr int kAlpha = -60;
constexpr int kPow10MinK = -300;
constexpr int kPow10Step = 8;

// 10^k, k = -300 + 8i, as the nearest 64-bit significand with its top bit set; its binary exponent is
// floor(k log2 10) - 63, computed in cached_power(). Printed by scripts/gen_cached_powers.py from exact
// integers.
constexpr u64 kPow10[] = {
    0xAB70FE17C79AC6CA, 0xFF77B1FCBEBCDC4F, 0xBE5691EF416BD60C, 0x8DD01FAD907FFC3C, 0xD3515C2831559A83,
    0x9D71AC8FADA6C9B5, 0xEA9C227723EE8BCB, 0xAECC49914078536D, 0x823C12795DB6CE57, 0xC21094364DFB5637,
    0x9096EA6F3848984F, 0xD77485CB25823AC7, 0xA086CFCD97BF97F4, 0xEF340A98172AACE5, 0xB23867FB2A35B28E,
    0x84C8D4DFD2C63F3B, 0xC5DD44271AD3CDBA, 0x936B9FCEBB25C996, 0xDBAC6C247D62A584, 0xA3AB66580D5FDAF6,
    0xF3E2F893DEC3F126, 0xB5B5ADA8AAFF80B8, 0x87625F056C7C4A8B, 0xC9BCFF6034C13053, 0x964E858C91BA2655,
    0xDFF9772470297EBD, 0xA6DFBD9FB8E5B88F, 0xF8A95FCF88747D94, 0xB94470938FA89BCF, 0x8A08F0F8BF0F156B,
    0xCDB02555653131B6, 0x993FE2C6D07B7FAC, 0xE45C10C42A2B3B06, 0xAA242499697392D3, 0xFD87B5F28300CA0E,
    0xBCE5086492111AEB, 0x8CBCCC096F5088CC, 0xD1B71758E219652C, 0x9C40000000000000, 0xE8D4A51000000000,
    0xAD78EBC5AC620000, 0x813F3978F8940984, 0xC097CE7BC90715B3, 0x8F7E32CE7BEA5C70, 0xD5D238A4ABE98068,
    0x9F4F2726179A2245, 0xED63A231D4C4FB27, 0xB0DE65388CC8ADA8, 0x83C7088E1AAB65DB, 0xC45D1DF942711D9A,
    0x924D692CA61BE758, 0xDA01EE641A708DEA, 0xA26DA3999AEF774A, 0xF209787BB47D6B85, 0xB454E4A179DD1877,
    0x865B86925B9BC5C2, 0xC83553C5C8965D3D, 0x952AB45CFA97A0B3, 0xDE469FBD99A05FE3, 0xA59BC234DB398C25,
    0xF6C69A72A3989F5C, 0xB7DCBF5354E9BECE, 0x88FCF317F22241E2, 0xCC20CE9BD35C78A5, 0x98165AF37B2153DF,
    0xE2A0B5DC971F303A, 0xA8D9D1535CE3B396, 0xFB9B7CD9A4A7443C, 0xBB764C4CA7A44410, 0x8BAB8EEFB6409C1A,
    0xD01FEF10A657842C, 0x9B10A4E5E9913129, 0xE7109BFBA19C0C9D, 0xAC2820D9623BF429, 0x80444B5E7AA7CF85,
    0xBF21E44003ACDD2D, 0x8E679C2F5E44FF8F, 0xD433179D9C8CB841, 0x9E19DB92B4E31BA9,
};

// The cached power that brings a number of exponent e into the window, and its decimal exponent k.
Fp cached_power(int e, int& k) {
  // The first entry with k >= ceil((kAlpha - e - 1) log10 2); the integer estimate is exact over every e a
  // double gives (checked by the script).
  const int x = kAlpha - e - 1;
  const int i = ((x * 78913 >> 18) + 1 - kPow10MinK + kPow10Step - 1) / kPow10Step;
  k = kPow10MinK + kPow10Step * i;
  return {kPow10[i], (k * 1741647 >> 19) - 63};
}

constexpr std::uint32_t kPow10Int[] = {1,      10,      100,      1000,      10000,
                                       100000, 1000000, 10000000, 100000000, 1000000000};

// Moves the last digit down (the candidate toward w) while it stays inside the interval (rest + ten_k <=
// delta) and ends strictly closer to w. rest: high - candidate; dist: high - w; ten_k: one unit of the last
// digit.
void round_toward(char* last, u64 dist, u64 delta, u64 rest, u64 ten_k) {
  while (rest < dist && delta - rest >= ten_k &&
         (rest + ten_k <= dist || dist - rest > rest + ten_k - dist)) {
    --*last;
    rest += ten_k;
  }
}

// The digits of positive finite `bits` into buf; exp10 is the decimal exponent of the last one. Returns their
// count, at most 17: the digits stop by the position 10^j <= delta, and top / delta < 2^53 × 1.01 (delta is a
// spacing of doubles, 3/4 of one above a power of two, less the 3 units given up of its 2^9 or more), so
// there are at most floor(log10 top) - floor(log10 delta) + 1 <= 17.
int grisu2(u64 bits, char* buf, int& exp10) {
  const u64 frac = bits & ((u64{1} << 52) - 1);
  const int biased = static_cast<int>(bits >> 52);
  const Fp v = biased == 0 ? Fp{frac, -1074} : Fp{frac | u64{1} << 52, biased - 1075};
  // The boundaries, halfway to the neighbours; the lower one is closer above a power of two (but not at the
  // smallest normal exponent, whose lower neighbours are subnormals with the same spacing).
  Fp high{2 * v.f + 1, v.e - 1};
  const bool closer = frac == 0 && biased > 1;
  Fp low = closer ? Fp{4 * v.f - 1, v.e - 2} : Fp{2 * v.f - 1, v.e - 1};
  const int shift = std::countl_zero(high.f);
  high = {high.f << shift, high.e - shift};
  low = {low.f << (low.e - high.e), high.e};
  const Fp w{v.f << (v.e - high.e), high.e};

  int k = 0;
  const Fp c = cached_power(high.e, k);
  const Fp sw = mul(w, c), slow = mul(low, c), shigh = mul(high, c);
  // One unit in from each side: the products are off by up to half a unit each, so what lies between still
  // reads back to x.
  const u64 top = shigh.f - 1;
  u64 delta = top - (slow.f + 1);
  u64 dist = top - sw.f;
  const int s = -shigh.e;  // 32 .. 60
  const u64 one = u64{1} << s;
  auto p1 = static_cast<std::uint32_t>(top >> s);  // the integer part, under 2^32
  u64 p2 = top & (one - 1);

  int kappa = 1;  // digits of p1
  while (kappa < 10 && p1 >= kPow10Int[kappa]) ++kappa;
  int len = 0;
  // Digits of top until what is left of it lies within delta: the shortest in the interval (the paper's
  // DigitGen), the integer part first.
  while (kappa > 0) {
    const std::uint32_t div = kPow10Int[--kappa];
    buf[len++] = static_cast<char>('0' + p1 / div);
    p1 %= div;
    const u64 rest = (u64{p1} << s) + p2;
    if (rest <= delta) {
      round_toward(buf + len - 1, dist, delta, rest, u64{div} << s);
      exp10 = kappa - k;
      return len;
    }
  }
  for (;;) {  // then the fraction, scaling the interval with it (no overflow: p2, delta < 2^60)
    p2 *= 10;
    delta *= 10;
    dist *= 10;
    buf[len++] = static_cast<char>('0' + (p2 >> s));
    p2 &= one - 1;
    --kappa;
    if (p2 <= delta) {
      round_toward(buf + len - 1, dist, delta, p2, one);
      exp10 = kappa - k;
      return len;
    }
  }
}

}  // namespace

std::size_t write(double x, char* out) {
  u64 bits = 0;
  std::memcpy(&bits, &x, sizeof bits);  // not std::bit_cast: Emscripten 3.1.6's libc++ lacks it
  char* p = out;
  if (bits >> 63) {
    *p++ = '-';
    bits &= ~(u64{1} << 63);
  }
  if (bits == 0) {
    std::memcpy(p, "0.0", 3);
    return static_cast<std::size_t>(p + 3 - out);
  }
  int exp10 = 0;
  const int len = grisu2(bits, p, exp10);
  const int n = len + exp10;  // the digits read d1...dlen × 10^(n - len): n digits before the decimal point
  // nlohmann's layout: fixed for 1e-4 <= |x| < 1e15 (n in -3 .. 15), an exponent outside.
  if (len <= n && n <= 15) {  // an integer: its zeros, then ".0"
    std::memset(p + len, '0', static_cast<std::size_t>(n - len));
    std::memcpy(p + n, ".0", 2);
    p += n + 2;
  } else if (0 < n && n <= 15) {  // 12.5
    std::memmove(p + n + 1, p + n, static_cast<std::size_t>(len - n));
    p[n] = '.';
    p += len + 1;
  } else if (-3 <= n && n <= 0) {  // 0.00125
    std::memmove(p + 2 - n, p, static_cast<std::size_t>(len));
    std::memcpy(p, "0.", 2);
    std::memset(p + 2, '0', static_cast<std::size_t>(-n));
    p += 2 - n + len;
  } else {  // 1e+15, 1.25e-05: a point only after a first digit of several
    if (len > 1) {
      std::memmove(p + 2, p + 1, static_cast<std::size_t>(len - 1));
      p[1] = '.';
      p += len + 1;
    } else {
      p += 1;
    }
    int e = n - 1;
    *p++ = 'e';
    *p++ = e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e >= 100) {
      *p++ = static_cast<char>('0' + e / 100);
      e %= 100;
    }
    *p++ = static_cast<char>('0' + e / 10);
    *p++ = static_cast<char>('0' + e % 10);
  }
  return static_cast<std::size_t>(p - out);
}

}  // namespace tcoscope::json_number
