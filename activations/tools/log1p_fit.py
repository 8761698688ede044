#!/usr/bin/env python3
"""Fits the coefficients LP0..LPn of ScalarMath.log1p (needs mpmath; about a minute).

log(1 + e) = e - s(e - y P(y)) with s = e/(2 + e), y = s^2 in [0, 1/9] (e in [0, 1]); exactly, P(y) =
(e - (e - log(1 + e))/s)/y = sum 2 y^k/(2k + 3). A weighted minimax polynomial of degree n by Lawson's
iteration (the same routine as erf_fit.py) on 300 Chebyshev points in 45 digits, the error of P weighted by
s y/log(1 + e) (what it contributes to the relative error of log(1 + e)) in units of 2^-53, then rounded to
doubles and checked on 4001 points:

  python3 log1p_fit.py 9        # degree 9: 0.023 with rounded coefficients (ScalarMath's LP0..LP9 came from a Remez fit in 60 digits)
  python3 log1p_fit.py 8        # degree 8: 0.44, one multiply-add fewer (tried in issue 12's round 6, no faster measurable; not kept)

It prints the fit's weighted error and the error with the coefficients rounded to doubles (units of
2^-53 log(1 + e)), and the coefficients (LP0 first), as hexadecimal doubles.
"""
import mpmath as mp, sys, json, os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lawson import lawson  # noqa: E402  (the shared fitting routine)



mp.mp.dps=45
ulp = mp.mpf(2)**-53
n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
def P(y):
    s = mp.sqrt(y); e = 2*s/(1 - s)
    return (e - (e - mp.log1p(e))/s)/y
def w(y):
    s = mp.sqrt(y); e = 2*s/(1 - s)
    return s*y/mp.log1p(e)/ulp
a = mp.mpf('1e-30'); b = mp.mpf(1)/9
Q, err = lawson(P, w, lambda y: y, a, b, n, npts=300, iters=40)
qd = [float(c) for c in Q]
worst = 0
for k in range(4001):
    y = a + (b - a)*k/4000
    val = sum(mp.mpf(qd[i])*y**i for i in range(n+1))
    worst = max(worst, abs(val - P(y))*w(y))
print('degree', n, 'lawson err', mp.nstr(err, 3), 'rounded-coeff err (units of 2^-53 log(1+e))', mp.nstr(worst, 3))
print(json.dumps([c.hex() for c in qd]))
