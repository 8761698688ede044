#!/usr/bin/env python3
"""Fits the coefficients E2..E11 of ScalarMath.expm1Reduced (needs mpmath; about a minute).

e^r - 1 = r + r^2 q(r) on |r| <= ln2/2 (Cody-Waite's range), q of degree 9 in r: a weighted minimax
polynomial by Lawson's iteration (the same routine as erf_fit.py) on 300 Chebyshev points in 45 digits,
the error weighted by r^2/|e^r - 1| in units of 2^-53 (a bound on the ulp of e^r - 1 that q's error causes;
relative to e^r, which is what e^x = 2^k (1 + p) sees, it is smaller still), then rounded to doubles and
checked on 4001 points. The coefficients in ScalarMath came from:

  python3 exp_fit.py 9          # E2..E11

It prints the fit's weighted error, the error with the coefficients rounded to doubles (both in units of
2^-53 |e^r - 1| and of 2^-53 e^r), and the coefficients (E2 first), as hexadecimal doubles.
"""
import mpmath as mp, sys, json, os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lawson import lawson  # noqa: E402  (the shared fitting routine)



mp.mp.dps=45
ulp = mp.mpf(2)**-53
n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
a = mp.mpf('0.3466')   # ln2/2 = 0.34657..., with room for the rounding of r
q = lambda r: (mp.expm1(r) - r)/(r*r)
w = lambda r: r*r/abs(mp.expm1(r))/ulp
Q, e = lawson(q, w, lambda r: r, -a, a, n, npts=300, iters=40)
qd = [float(c) for c in Q]
worst = 0; worst_e = 0
for k in range(4001):
    r = -a + 2*a*k/4000
    if r == 0: continue
    val = sum(mp.mpf(qd[i])*r**i for i in range(n+1))
    worst = max(worst, abs(val - q(r))*w(r))
    worst_e = max(worst_e, abs(val - q(r))*r*r/mp.exp(r)/ulp)
print('degree', n + 2, 'lawson err', mp.nstr(e, 3), 'rounded-coeff err (ulp of e^r-1)', mp.nstr(worst, 3),
      '(ulp of e^r)', mp.nstr(worst_e, 3))
print(json.dumps([c.hex() for c in qd]))
print(json.dumps([repr(c) for c in qd]))
