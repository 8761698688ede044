#!/usr/bin/env python3
"""Fits the coefficients E2..E11 of ScalarMath.expm1Reduced11 (needs mpmath; about a minute).

e^r - 1 = r + r^2 q(r) on |r| <= ln2/2 (Cody-Waite's range), q of degree 9 in r: a weighted minimax
polynomial by Lawson's iteration (the same routine as erf_fit.py) on 300 Chebyshev points in 45 digits,
the error weighted by r^2/|e^r - 1| in units of 2^-53 (a bound on the ulp of e^r - 1 that q's error causes;
relative to e^r, which is what e^x = 2^k (1 + p) sees, it is smaller still), then rounded to doubles and
checked on 4001 points. The coefficients in ScalarMath came from:

  python3 exp_fit.py 9          # E2..E11

It prints the fit's weighted error, the error with the coefficients rounded to doubles (both in units of
2^-53 |e^r - 1| and of 2^-53 e^r), and the coefficients (E2 first), as hexadecimal doubles.
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
