"""Builds Data/framework/stage-figures.json from ../shared/data/stage-shares-curated/stage_shares.csv.

Maps each curated row's chain and stage to the taxonomy (the table M below; rows of no chain keep
an unmappedReason), turns percentages into shares, flags projections and lower bounds, marks
whether the page is the original publisher's, and records the re-check of each number against
the stored page (Data/framework/stage-figures-check.csv: row,status,page_value,evidence; or the second argument).

Usage: python3 scripts/build_stage_figures.py [shared-root] [verification.csv]
"""
import csv, json, re, os, sys
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED=sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared')
SRC=os.path.join(SHARED, 'data/stage-shares-curated/stage_shares.csv')
rows=list(csv.DictReader(open(SRC)))
ver={}
vp=sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, 'Data/framework/stage-figures-check.csv')
if vp and os.path.exists(vp):
    for v in csv.DictReader(open(vp)):
        ver[int(v['row'])]=v
def T(chain, stage=None): return {'chain':chain,'stage':stage} if stage else {'chain':chain}
M={ # (csv chain, csv stage) -> (targets, activity) ; activity None
 ('solar_pv','polysilicon'):[T('solar-pv','polysilicon')],
 ('solar_pv','ingots'):[T('solar-pv','ingots-wafers')],
 ('solar_pv','wafers'):[T('solar-pv','ingots-wafers')],
 ('solar_pv','cells'):[T('solar-pv','cells')],
 ('solar_pv','modules'):[T('solar-pv','modules')],
 ('solar_pv','cells and modules'):[T('solar-pv','cells'),T('solar-pv','modules')],
 ('solar_pv','PV manufacturing (cells and modules)'):[T('solar-pv','cells'),T('solar-pv','modules')],
 ('solar_pv','installations'):[T('solar-pv')],
 ('wind','nacelles'):[T('wind','generating-sets')],
 ('wind','nacelles (onshore)'):[T('wind','generating-sets')],
 ('wind','nacelles (offshore)'):[T('wind','generating-sets')],
 ('wind','nacelles (planned)'):[T('wind','generating-sets')],
 ('wind','rotor blades'):[T('wind','blades-parts')],
 ('wind','key components (gearboxes, generators, castings, forgings, bearings, towers, flanges)'):[T('wind','towers'),T('wind','blades-parts')],
 ('wind','rotor blades (installations)'):[T('wind','blades-parts')],
 ('wind','installations'):[T('wind')],
 ('heat_pumps','heat pump manufacturing'):[T('heat-pumps','heat-pumps')],
 ('heat_pumps','heat pump sales'):[T('heat-pumps','heat-pumps')],
 ('batteries','cells'):[T('batteries','cells-packs')],
 ('batteries','lithium-ion battery cells'):[T('batteries','cells-packs')],
 ('batteries','batteries (all)'):[T('batteries','cells-packs')],
 ('batteries','EV batteries (cumulative)'):[T('batteries','cells-packs')],
 ('batteries','EV battery demand'):[T('batteries','cells-packs')],
 ('batteries','cathodes'):[T('batteries','cathode-materials')],
 ('batteries','NMC cathodes'):[T('batteries','cathode-materials')],
 ('batteries','LFP cathodes'):[T('batteries','cathode-materials')],
 ('batteries','anodes'):[T('batteries','anode-materials')],
 ('batteries','cathodes and anodes combined'):[T('batteries','cathode-materials'),T('batteries','anode-materials')],
 ('batteries','separators'):[T('batteries','battery-parts')],
 ('batteries','battery-grade chemical refining'):[T('batteries','lithium-chemicals')],
 ('batteries','lithium processing'):[T('batteries','lithium-chemicals'),T('lithium')],
 ('batteries','lithium refining'):[T('batteries','lithium-chemicals'),T('lithium')],
 ('batteries','lithium mining'):[T('lithium')],
 ('batteries','cobalt mining'):[T('cobalt')],('batteries','cobalt processing'):[T('cobalt')],('batteries','cobalt refining'):[T('cobalt')],
 ('batteries','nickel mining'):[T('nickel')],('batteries','nickel processing'):[T('nickel')],('batteries','nickel refining'):[T('nickel')],
 ('batteries','graphite mining'):[T('graphite')],('batteries','graphite refining'):[T('graphite')],
 ('batteries','manganese mining'):[T('manganese')],('batteries','manganese refining'):[T('manganese')],
 ('ev','electric car sales'):[T('electric-vehicles','vehicles')],('ev','electric vehicle sales'):[T('electric-vehicles','vehicles')],
 ('ev','new energy passenger car sales'):[T('electric-vehicles','vehicles')],('ev','EV production'):[T('electric-vehicles','vehicles')],
 ('ev','electric car production'):[T('electric-vehicles','vehicles')],('ev','EV trade (exports)'):[T('electric-vehicles','vehicles')],
 ('semiconductors','equipment'):[T('semiconductor-equipment','equipment')],
 ('semiconductors','materials'):[T('semiconductors','materials')],
 ('critical_minerals','lithium mining'):[T('lithium')],('critical_minerals','lithium processing'):[T('lithium'),T('batteries','lithium-chemicals')],
 ('critical_minerals','lithium refining'):[T('lithium'),T('batteries','lithium-chemicals')],
 ('critical_minerals','nickel mining'):[T('nickel')],('critical_minerals','nickel refining'):[T('nickel')],
 ('critical_minerals','cobalt mining'):[T('cobalt')],('critical_minerals','cobalt refining'):[T('cobalt')],('critical_minerals','cobalt mining (ownership)'):[T('cobalt')],
 ('critical_minerals','natural graphite mining'):[T('graphite')],('critical_minerals','natural graphite processing'):[T('graphite')],
 ('critical_minerals','battery-grade graphite refining'):[T('graphite'),T('batteries','anode-materials')],
 ('critical_minerals','rare earths mining'):[T('rare-earth-elements')],('critical_minerals','rare earths refining'):[T('rare-earth-elements')],
 ('critical_minerals','rare earths processing'):[T('rare-earth-elements')],('critical_minerals','rare earths oxide separation'):[T('rare-earth-elements')],
 ('critical_minerals','rare earth magnets'):[T('rare-earth-elements')],
 ('critical_minerals','manganese processing'):[T('manganese')],
 ('critical_minerals','all critical minerals processing'):[T('*critical-minerals')],
 ('critical_minerals','refining (avg of Cu, Li, Ni, Co, graphite, REE)'):[T('*critical-minerals')],
}
UNMAPPED={('critical_minerals','copper mining'):'no copper chain in the taxonomy',
 ('electrolysers','electrolyser manufacturing'):'no electrolyser chain in the taxonomy',
 ('batteries','raw materials (Li, Co, Ni, graphite, Mn) mining'):'an aggregate of five mineral chains, not one stage'}
def target(chain, stage):
    if (chain,stage) in M: return M[(chain,stage)]
    if (chain,stage) in UNMAPPED: return None
    if chain=='clean_tech_aggregate': return [T('*green')]
    if chain=='semiconductors':
        return [T('semiconductors','integrated-circuits')] if not re.search(r'sales by region|consumption|all semiconductor revenue', stage) else [T('semiconductors')]
    raise SystemExit('unmapped %r' % ((chain,stage),))
def activity(chain, stage, dim):
    s=stage.lower()
    if dim in ('mining','processing'): return dim
    if re.search(r'refin|processing|separation', s): return 'processing'
    if 'mining' in s: return 'mining'
    return None
ECON={'EU27':'EU'}
PRIMARY={'IEA','Semiconductor Industry Association','SIA','Intel'}
figs=[]
for i,r in enumerate(rows,1):
    ch, st = r['chain'], r['stage']
    tg = target(ch, st)
    ry = r['reference_year'].strip()
    m = re.match(r'^~?(\d{4})(?:-(\d{4}))?\s*(.*)$', ry)
    year = int(m.group(1)) if m else None
    qual = (m.group(3) if m else '').strip(' ()')
    projection = bool(re.search(r'projection|forecast|counterfactual', ry))
    if m and m.group(2): year=int(m.group(2))
    dim = r['dimension']
    fig = {'id':'stage-shares-curated:%d'%i, 'targets':tg, 'sourceChain':ch, 'sourceStage':st,
           'economy':ECON.get(r['economy'], r['economy']), 'dimension': 'manufacturing' if dim in ('mining','processing') else dim,
           'activity': activity(ch, st, dim), 'metric':r['metric'], 'share': round(float(r['value_percent'])/100, 6),
           'bound': 'lower' if 'lower bound' in r['metric'] else None,
           'year': year, 'yearLabel': ry or None, 'projection': projection,
           'source': {'title':r['source_title'],'publisher':r['publisher'],'publicationYear':int(r['publication_year']) if r['publication_year'].strip() else None,
                      'url':r['url'],'locator':r['locator']},
           'verification': 'publisher' if r['publisher'].strip() in PRIMARY or r['publisher'].startswith('Semiconductor Industry Association') and 'as quoted' not in r['publisher'] else 'as quoted',
           'check': ver.get(i,{}).get('status','unchecked'),
           'note': r['note']}
    if ver.get(i,{}).get('status')=='differs': fig['checkNote']='the stored page gives %s%%' % ver[i].get('page_value','?')
    elif ver.get(i,{}).get('evidence'): fig['checkNote']=ver[i]['evidence']
    if tg is None: fig['unmappedReason']=UNMAPPED[(ch,st)]
    figs.append({k:v for k,v in fig.items() if v is not None})
doc={'schemaVersion':1,
 'title':'Published stage shares by economy, curated from public reports and their quotations',
 'note':'Each figure is one published share for one economy and one stage, with the page it was read from. "verification" says whether the page is the original publisher\'s (publisher) or a page quoting it (as quoted); "check" records whether the number was found again in the stored page on 2026-12-05 (confirmed, differs, not-found, unchecked; Data/framework/stage-figures-check.csv, with a note in our own words). Projections, counterfactuals and estimates are kept but flagged and never used as observations. Figures that map to no chain of the taxonomy keep their row with unmappedReason. Derived from ../shared/data/stage-shares-curated/stage_shares.csv (263 rows); see Data/SOURCES.md.',
 'figures':figs}
out=os.path.join(ROOT, 'Data/framework/stage-figures.json')
json.dump(doc, open(out+'.tmp','w'), indent=1, ensure_ascii=False); os.replace(out+'.tmp', out)
import collections
print(len(figs), collections.Counter(f['verification'] for f in figs), collections.Counter(f['check'] for f in figs), sum(1 for f in figs if 'targets' not in f), sum(f['projection'] for f in figs))
