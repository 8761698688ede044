"""Weighted minimax polynomial fits by Lawson's iteration, in mpmath: the one routine of erf_fit.py,
exp_fit.py and log1p_fit.py (imported by each; run them from any folder)."""
import mpmath as mp


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
