#!/usr/bin/env python3
"""scripts/gen_cached_powers.py — prints the cached powers of ten of engine/contract/json_number.cpp (kPow10).

Entry i is 10^k, k = -300 + 8i up to 324 (every double finds its entry there: checked below), as the 64-bit
significand f, 2^63 <= f < 2^64, nearest to 10^k / 2^e, from Python's exact integers and fractions. The binary
exponent is not stored: json_number.cpp derives it as floor(k log2 10) - 63 = ((k * 1741647) >> 19) - 63,
and picks an entry from an integer estimate of ceil(x log10 2); this script checks both where they are used.
The output is kPow10's body as clang-format lays it out, five entries a line.
"""
from fractions import Fraction

K_MIN, K_MAX, K_STEP = -300, 324, 8
ALPHA, GAMMA = -60, -32  # the binary exponents a scaled number may have (json_number.cpp: kAlpha)


def floor_log2(x):  # exact floor(log2 x) of a positive Fraction
    e = x.numerator.bit_length() - x.denominator.bit_length()
    while Fraction(2) ** e > x:
        e -= 1
    while Fraction(2) ** (e + 1) <= x:
        e += 1
    return e


def main():
    rows, exps = [], []
    for k in range(K_MIN, K_MAX + 1, K_STEP):
        x = Fraction(10) ** k
        e = floor_log2(x) - 63
        scaled = x / Fraction(2) ** e  # in [2^63, 2^64)
        f = scaled.numerator // scaled.denominator
        assert scaled - f != Fraction(1, 2)  # no ties, so "nearest" needs no tie rule
        if scaled - f > Fraction(1, 2):
            f += 1
        assert 2**63 <= f < 2**64  # rounding up never carries out of 64 bits here
        assert e == ((k * 1741647) >> 19) - 63, k
        rows.append(f)
        exps.append(e)

    # A normalized number of binary exponent e (-1137 for the smallest subnormal's boundaries, 960 for
    # DBL_MAX's) takes the first entry whose product has an exponent of at least ALPHA; it is then at most
    # GAMMA (entries are 8 decimal digits, under 27 bits, apart). json_number.cpp finds it as
    # ceil((ALPHA - e - 1) log10 2) = (x * 78913 >> 18) + 1, rounded up to an entry.
    for e in range(-1137, 961):
        exact = next(i for i, ce in enumerate(exps) if ce + e + 64 >= ALPHA)
        assert exps[exact] + e + 64 <= GAMMA, e
        x = ALPHA - e - 1
        assert ((x * 78913 >> 18) + 1 - K_MIN + K_STEP - 1) // K_STEP == exact, e

    for i in range(0, len(rows), 5):
        print("    " + " ".join("0x%016X," % f for f in rows[i : i + 5]))


main()
