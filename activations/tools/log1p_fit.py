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
import mpmath as mp, sys, json

def lawson(f, w, basis_var, a, b, n, npts=800, iters=60):
    """weighted minimax of polynomial degree n in variable u=basis_var(x); returns coeffs (c0..cn), max weighted err"""
    xs = [ (a+b)/2 + (b-a)/2*mp.cos(mp.pi*(k+mp.mpf(0.5))/npts) for k in range(npts)]
    us = [basis_var(x) for x in xs]
    fs = [f(x) for x in xs]
    ws = [w(x) for x in xs]
    # scale u to [-1,1] for conditioning: Chebyshev basis then convert
    umin, umax = min(us), max(us)
    um, ur = (umax+umin)/2, (umax-umin)/2
    vs = [(u-um)/ur for u in us]
    def cheb(v):
        T=[mp.mpf(1), v]
        for k in range(2, n+1): T.append(2*v*T[-1]-T[-2])
        return T[:n+1]
    A = [cheb(v) for v in vs]
    lam = [mp.mpf(1)/npts]*npts
    best=None
    for it in range(iters):
        # weighted LSQ: minimize sum lam*(w*(p-f))^2
        M = mp.matrix(n+1, n+1); r = mp.matrix(n+1,1)
        for k in range(npts):
            ww = lam[k]*ws[k]**2
            row = A[k]
            for i in range(n+1):
                r[i] += ww*row[i]*fs[k]
                for j in range(i, n+1):
                    M[i,j] += ww*row[i]*row[j]
        for i in range(n+1):
            for j in range(i): M[i,j]=M[j,i]
        c = mp.lu_solve(M, r)
        errs = [abs(ws[k]*(sum(c[i]*A[k][i] for i in range(n+1))-fs[k])) for k in range(npts)]
        s = sum(lam[k]*errs[k] for k in range(npts))
        lam = [lam[k]*errs[k]/s for k in range(npts)]
        e = max(errs)
        if best is None or e < best[0]: best=(e, c)
    e, c = best
    # convert Chebyshev in v to monomial in u: v = (u-um)/ur
    # monomial in v first
    P = [mp.mpf(0)]*(n+1)
    Tm = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]
    for k in range(2, n+1):
        t = [mp.mpf(0)] + [2*q for q in Tm[-1]]
        for i,q in enumerate(Tm[-2]): t[i]-=q
        Tm.append(t)
    for k in range(n+1):
        for i,q in enumerate(Tm[k]): P[i]+=c[k]*q
    # v = (u-um)/ur: p(u) = sum P_i ((u-um)/ur)^i -> monomial in u
    Q=[mp.mpf(0)]*(n+1)
    for i in range(n+1):
        # (u - um)^i / ur^i
        for j in range(i+1):
            Q[j] += P[i]*mp.binomial(i,j)*(-um)**(i-j)/ur**i
    return Q, e


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
