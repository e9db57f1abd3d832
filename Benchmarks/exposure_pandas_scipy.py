"""Whole-process peer of `decouple exposure` (Benchmarks/run-exposure.sh): the same answer —
every US sector's exposure to China in the bundled OECD ICIO 2022 block, face value (A), tiers
1..3 and the remainder (A^k), look-through (L - I), hidden part, China's value added — written
the way an analyst would with pandas + scipy: read the gzip CSV, A = Z / x, one LU of I - A
(scipy.linalg.lu_factor), solves for the US columns, sums by region. Prints CSV rows
(sector, face value share, look-through share, hidden share, tier shares) to standard output.

    python exposure_pandas_scipy.py FOLDER [IMPORTER] [SOURCE]
"""
import sys
import numpy as np
import pandas as pd
import scipy.linalg as sla

folder = sys.argv[1]
importer = sys.argv[2] if len(sys.argv) > 2 else "USA"
source = sys.argv[3] if len(sys.argv) > 3 else "CHN"
tiers = 4

Z = pd.read_csv(f"{folder}/Z_intermediate_flows_dense.csv.gz", index_col=0).to_numpy()
nodes = pd.read_csv(f"{folder}/nodes.csv")
x = nodes["gross_output"].to_numpy()
regions = nodes["country"].to_numpy()
n = len(x)
A = Z / np.where(x == 0, np.inf, x)
J = np.where(regions == importer)[0]
lu = sla.lu_factor(np.eye(n) - A)
E = np.zeros((n, len(J)))
E[J, np.arange(len(J))] = 1
LJ = sla.lu_solve(lu, E)
T = LJ - E
src = regions == source
power = A[:, J]
tier_values = []
for k in range(1, tiers):
    if k > 1:
        power = A @ power
    tier_values.append(power[src].sum(axis=0))
face = A[src][:, J].sum(axis=0)
look = T[src].sum(axis=0)
tier_values.append(look - sum(tier_values))
total_inputs = A[:, J].sum(axis=0)
total_req = T.sum(axis=0)
v = 1 - A.sum(axis=0)
va = (v[src][:, None] * LJ[src]).sum(axis=0)
print("sector,face_value_share,look_through_share,hidden_share," + ",".join(f"tier{k + 1}_share" for k in range(tiers)) + ",value_added")
for c, j in enumerate(J):
    r = total_req[c] if total_req[c] > 0 else np.inf
    fv = face[c] / total_inputs[c] if total_inputs[c] > 0 else 0.0
    print(",".join([nodes["sector"][j], repr(float(fv)), repr(float(look[c] / r)), repr(float((look[c] - face[c]) / r))]
                   + [repr(float(t[c] / r)) for t in tier_values] + [repr(float(va[c]))]))
