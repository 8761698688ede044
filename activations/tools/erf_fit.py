#!/usr/bin/env python3
"""Fits the coefficients of org.gdflow.activations.Erf (needs mpmath; a few minutes per polynomial).

Weighted minimax polynomials by Lawson's iteration (iteratively reweighted least squares) on 300-400
Chebyshev points in 45-digit arithmetic, the error weighted in units of 2^-53 erf(z), then rounded to
doubles and checked on 2001 points. The coefficients in Erf.java (two ranges, switching at |z| = 1) came from:

  python3 erf_fit.py small 0 1.0 13                                       # S0..S13: erf z = z + z P(z^2)
  python3 erf_fit.py tailc 1.0 6 13 2 0.25                                # T0..T13: e^(z^2) erfc z = P(u), u = 1/(z+2) - 1/4

The earlier three ranges (small 0 0.84375 11; mide 0.84375 1.25 13 1 0.845062911510467529297; tailc 1.25 6 13
0.5 0.40625) measured 0.79 ulp. Fits tried for the two ranges (rounded-coefficient error in units of 2^-53 erf):
small on [0, 1] of degree 11: 0.25, 12: 0.125, 13: 0.099; tailc on [1, 6] with offset 0.5 (shift 13/32) of degree
13: 0.74, 14: 0.27, 15: 0.11; offset 1 (5/16): 13: 0.080, 14: 0.021; offset 2 (1/4): 12: 0.076, 13: 0.024; offset 3
(3/16): 12: 0.062; offset 4 (5/32): 12: 0.019. The larger the offset, the more P moves with the quotient's rounding
(Erf.java corrects it with the factor 1): with degree 12 on both ranges erf measured 1.16-1.25 ulp, with 13 0.97.

Each prints the fit's weighted error, the error with the coefficients rounded to doubles (both in units of
2^-53 erf, a bound on ulp of erf), the largest sum of |terms| in the same unit, and the coefficients (c0 first).
"""
import mpmath as mp, sys, json, os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lawson import lawson  # noqa: E402  (the shared fitting routine)


mp.mp.dps=45
ulp = mp.mpf(2)**-53
def F(x): return mp.erfc(x)*mp.exp(x*x)
def Pf(x): return mp.erf(x)/x - 1
kind=sys.argv[1]; a=mp.mpf(sys.argv[2]); b=mp.mpf(sys.argv[3]); n=int(sys.argv[4])
if kind=='small':
    Q,e = lawson(Pf, lambda x: x/mp.erf(x)/ulp, lambda x: x*x, mp.mpf('1e-8'), b, n, npts=400, iters=40)
    var = lambda x: x*x; f=Pf; w=lambda x: x/mp.erf(x)/ulp
elif kind=='tailc':
    c=mp.mpf(sys.argv[5]); t0=mp.mpf(sys.argv[6])
    var = lambda x: 1/(x + c) - t0
    Q,e = lawson(F, lambda x: mp.exp(-x*x)/mp.erf(x)/ulp, var, a, b, n, npts=400, iters=40)
    f=F; w=lambda x: mp.exp(-x*x)/mp.erf(x)/ulp
elif kind=='mid':
    c=mp.mpf(sys.argv[5])
    var = lambda x: x - c
    Q,e = lawson(mp.erf, lambda x: 1/mp.erf(x)/ulp, var, a, b, n, npts=300, iters=30)
    f=mp.erf; w=lambda x: 1/mp.erf(x)/ulp
elif kind=='mide':
    c=mp.mpf(sys.argv[5]); erx=mp.mpf(float(sys.argv[6]))
    var = lambda x: x - c
    f = lambda x: mp.erf(x) - erx
    Q,e = lawson(f, lambda x: 1/mp.erf(x)/ulp, var, a, b, n, npts=300, iters=30)
    w=lambda x: 1/mp.erf(x)/ulp
elif kind=='tailx':
    c=mp.mpf(sys.argv[5])
    var = lambda x: x - c
    Q,e = lawson(F, lambda x: mp.exp(-x*x)/mp.erf(x)/ulp, var, a, b, n, npts=400, iters=40)
    f=F; w=lambda x: mp.exp(-x*x)/mp.erf(x)/ulp
else:
    p=mp.mpf(sys.argv[5]); c=mp.mpf(sys.argv[6]) if len(sys.argv)>6 else mp.mpf(0)
    var = lambda x: 1/(1+p*x) - c
    Q,e = lawson(F, lambda x: mp.exp(-x*x)/mp.erf(x)/ulp, var, a, b, n, npts=400, iters=40)
    f=F; w=lambda x: mp.exp(-x*x)/mp.erf(x)/ulp
qd=[float(q) for q in Q]
# error with rounded coefficients on a dense grid; also the conditioning sum |c_i||u|^i / |f|
worst=0; cond=0
lo = mp.mpf('1e-8') if kind=='small' else a
for k in range(2001):
    x = lo + (b-lo)*k/2000
    u = var(x)
    val = sum(mp.mpf(qd[i])*u**i for i in range(n+1))
    worst=max(worst, abs(val-f(x))*w(x))
    cond=max(cond, sum(abs(mp.mpf(qd[i])*u**i) for i in range(n+1))*w(x)*ulp)
print(kind, sys.argv[2:], 'lawson err', mp.nstr(e,3), 'rounded-coeff err', mp.nstr(worst,3), 'sum|terms| in ulp-of-erf', mp.nstr(cond,3))
print(json.dumps([repr(q) for q in qd]))
