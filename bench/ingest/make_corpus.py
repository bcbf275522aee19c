#!/usr/bin/env python3
"""Builds dyad's labelled cleaning corpus (tests/corpus/ingest/{html,text}) from
the wire-style articles in tests/corpus/ingest/articles/.

Every article becomes two HTML pages (10 page templates in turn: news sites,
blogs, wire pages, a table layout, a press release, ...; and 6 more: a page
builder's widgets, a Blogger post, a script-rendered page with the article in
<noscript>, a BEM-classed page with the standfirst in the header, a two-column
layout without content markup, a page whose consent text and comments outweigh
the article) and one scraped-text page (8 kinds of boilerplate around it, in
the article's language or a site's). Articles may hold lists (`* ` lines);
those get no text page, as a list of short items in plain text cannot be told
from a menu. Next to each page, NAME.body holds what cleaning must keep: a
first line `title: ...`, then the body paragraphs and list items, dateline cut
off.

    python3 bench/ingest/make_corpus.py      # rewrites the corpus, deterministic
"""
import html
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "corpus", "ingest")


def load(path):
    head, body = open(path, encoding="utf-8").read().split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    meta["paras"] = [p.strip() for p in body.strip().splitlines() if p.strip()]
    meta["name"] = os.path.basename(path)[:-4]
    return meta


# Site chrome per language: (skip link, menu, cookie, share, related header,
# comments header, comments closed, newsletter, advertisement, read more, copyright)
CHROME = {
    "en": dict(skip="Skip to main content", menu=["Home", "World", "Politics", "Business", "Sport"],
               cookie="We use cookies to give you the best experience on our website. By continuing you agree to our cookie policy.",
               accept="Accept all", share="Share this article", related="Related stories", comments="Comments",
               closed="Comments are closed.", newsletter="Sign up for our newsletter and get the top stories delivered to your inbox every morning.",
               ad="Advertisement", more="Read more:", rights="© 2023 Example Media Group. All rights reserved.",
               headlines=["Markets steady ahead of central bank decision", "Heatwave grips southern Europe", "Election results due on Friday"]),
    "fr": dict(skip="Aller au contenu principal", menu=["Accueil", "Monde", "Politique", "Économie", "Sport"],
               cookie="Ce site utilise des cookies pour améliorer votre expérience de navigation.",
               accept="Tout accepter", share="Partager", related="Lire aussi", comments="Commentaires",
               closed="Les commentaires sont fermés.", newsletter="Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
               ad="Publicité", more="Lire aussi :", rights="© 2023 Exemple Médias. Tous droits réservés.",
               headlines=["La Bourse de Paris termine en hausse", "Grève dans les transports ce jeudi", "Le budget adopté à l'Assemblée"]),
    "de": dict(skip="Zum Inhalt springen", menu=["Startseite", "Politik", "Wirtschaft", "Kultur", "Sport"],
               cookie="Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Webseite zu ermöglichen.",
               accept="Alle akzeptieren", share="Teilen", related="Mehr zum Thema", comments="Kommentare",
               closed="Kommentare geschlossen", newsletter="Jetzt abonnieren: Der Newsletter mit den wichtigsten Nachrichten des Tages.",
               ad="Anzeige", more="Lesen Sie auch:", rights="© 2023 Beispiel Verlag. Alle Rechte vorbehalten.",
               headlines=["Börse schließt mit leichtem Plus", "Unwetter sorgen für Verkehrschaos", "Bahn kündigt neuen Fahrplan an"]),
    "es": dict(skip="Saltar al contenido", menu=["Portada", "Internacional", "Política", "Economía", "Deportes"],
               cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
               accept="Aceptar todo", share="Compartir", related="Te puede interesar", comments="Comentarios",
               closed="Los comentarios están cerrados.", newsletter="Suscríbete a nuestro boletín y recibe las noticias más importantes del día.",
               ad="Publicidad", more="Lee también:", rights="© 2023 Ejemplo Medios. Todos los derechos reservados.",
               headlines=["La bolsa cierra la semana con ganancias", "Ola de calor en el sur del país", "El Senado debate la reforma"]),
    "it": dict(skip="Vai al contenuto", menu=["Home", "Esteri", "Politica", "Economia", "Sport"],
               cookie="Utilizziamo i cookie per migliorare la tua esperienza su questo sito.",
               accept="Accetta tutto", share="Condividi", related="Leggi anche", comments="Commenti",
               closed="I commenti sono chiusi.", newsletter="Iscriviti alla newsletter per ricevere ogni giorno le notizie principali.",
               ad="Pubblicità", more="Leggi anche:", rights="© 2023 Esempio Editore. Tutti i diritti riservati.",
               headlines=["Borsa di Milano in rialzo", "Maltempo al nord, scuole chiuse", "Il Senato vota la fiducia"]),
    "pt": dict(skip="Ir para o conteúdo", menu=["Início", "Mundo", "Política", "Economia", "Desporto"],
               cookie="Este site utiliza cookies para melhorar a sua experiência de navegação.",
               accept="Aceitar todos", share="Partilhar", related="Leia também", comments="Comentários",
               closed="Os comentários estão encerrados.", newsletter="Subscreva a nossa newsletter e receba as principais notícias do dia.",
               ad="Publicidade", more="Leia também:", rights="© 2023 Exemplo Media. Todos os direitos reservados.",
               headlines=["Bolsa de Lisboa fecha em alta", "Incêndios obrigam a evacuar aldeias", "Parlamento aprova orçamento"]),
    "ru": dict(skip="Перейти к содержимому", menu=["Главная", "В мире", "Политика", "Экономика", "Спорт"],
               cookie="Мы используем файлы cookie, чтобы сделать сайт удобнее для вас.",
               accept="Принять", share="Поделиться", related="Читайте также", comments="Комментарии",
               closed="Комментарии закрыты.", newsletter="Подпишитесь на нашу рассылку, чтобы получать главные новости дня.",
               ad="Реклама", more="Читайте также:", rights="© 2023 Пример Медиа. Все права защищены.",
               headlines=["Биржевые индексы выросли", "В столице ожидается снегопад", "Парламент принял бюджет"]),
    "tr": dict(skip="İçeriğe geçmek için \"Enter\"a basın", menu=["Ana Sayfa", "Dünya", "Politika", "Ekonomi", "Spor"],
               cookie="Sitemizde çerezler kullanılmaktadır. Detaylı bilgi için çerez politikamızı inceleyebilirsiniz.",
               accept="Kabul et", share="Paylaş", related="İlgili Haberler", comments="Yorumlar",
               closed="Yorumlar kapatıldı.", newsletter="Bültenimize abone olun, günün önemli haberleri e-posta kutunuza gelsin.",
               ad="Reklam", more="Ayrıca okuyun:", rights="© 2023 Örnek Medya. Tüm hakları saklıdır.",
               headlines=["Borsa günü yükselişle kapattı", "Kar yağışı ulaşımı aksattı", "Meclis bütçeyi kabul etti"]),
}

AGENCY_LINE = {"Reuters": "Reuters", "AP": "The Associated Press", "TASS": "TASS", "AFP": "AFP", "dpa": "dpa",
               "EFE": "EFE", "ANSA": "ANSA", "Lusa": "Lusa", "AA": "AA", "Xinhua": "Xinhua", "Yonhap": "Yonhap"}


def agency_of(dateline):
    for a in AGENCY_LINE:
        if f"({a})" in dateline or f"/{a}/" in dateline:
            return a
    if "ТАСС" in dateline:
        return "TASS"
    return None


def item(p):
    return p.startswith("* ")


def plain(p):
    return p[2:] if item(p) else p


def gold(a):
    return "title: " + a["title"] + "\n" + "\n".join(plain(p) for p in a["paras"]) + "\n"


def first_para(a):
    return a["dateline"] + " " + a["paras"][0]


# ---------------------------------------------------------------- text pages

def text_page(a, kind, rnd):
    c = CHROME[a["lang"]]
    # Some sites wrap foreign-language stories in their own chrome (the TASS
    # seed is an English story on a Turkish site).
    site = CHROME["tr"] if kind == 0 else (CHROME["en"] if kind == 5 and a["lang"] != "en" else c)
    out = []
    agency = agency_of(a["dateline"])
    if kind in (0, 3, 6):
        out.append(site["skip"])
    if kind in (1, 4):
        out += site["menu"]
    if kind == 2:
        out.append(" | ".join(site["menu"]))
    if kind in (3, 7):
        out += [site["cookie"], site["accept"]]
    out.append(a["title"])
    body = [first_para(a)] + a["paras"][1:]
    for i, p in enumerate(body):
        out.append(p)
        if kind in (1, 5) and i == 1:
            out.append(site["ad"])
        if kind == 6 and i == 0:
            out.append(site["more"] + " " + site["headlines"][0])
    if kind in (0, 4) and agency:
        out.append(agency)
    if kind in (2, 5, 7):
        out.append(site["share"])
        out += ["Facebook", "Twitter", "WhatsApp"]
    if kind in (1, 3, 6):
        out.append(site["related"])
        out += site["headlines"]
    if kind in (2, 4):
        out.append(site["newsletter"])
    if kind in (0, 6):
        out.append(site["closed"])
    if kind in (5, 7):
        out.append(site["rights"])
    sep = "\n\n" if kind % 2 == 0 else "\n"
    return sep.join(out) + "\n"


# ---------------------------------------------------------------- HTML pages

def esc(s):
    return html.escape(s, quote=True)


def lines_of(a):
    return [first_para(a)] + [plain(p) for p in a["paras"][1:]]


def paras_html(a, tag="p", paras=None):
    body = [first_para(a)] + a["paras"][1:] if paras is None else paras
    out, items = [], []
    for p in body + [""]:
        if item(p):
            items.append(f"<li>{esc(plain(p))}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if p:
            out.append(f"<{tag}>{esc(p)}</{tag}>")
    return "\n".join(out)


def nav(c):
    return "<nav class=\"main-nav\"><ul>" + "".join(f"<li><a href=\"/{i}\">{esc(m)}</a></li>" for i, m in enumerate(c["menu"])) + "</ul></nav>"


def related_list(c, cls="related"):
    return (f"<section class=\"{cls}\"><h3>{esc(c['related'])}</h3><ul>"
            + "".join(f"<li><a href=\"/story/{i}\">{esc(h)}</a></li>" for i, h in enumerate(c["headlines"]))
            + "</ul></section>")


def share_bar(c):
    return (f"<div class=\"share-bar\"><span>{esc(c['share'])}</span> <a href=\"#fb\">Facebook</a> "
            "<a href=\"#tw\">Twitter</a> <a href=\"#wa\">WhatsApp</a></div>")


def cookie_banner(c):
    return (f"<div id=\"cookie-banner\" class=\"cookie-consent\"><p>{esc(c['cookie'])}</p>"
            f"<button>{esc(c['accept'])}</button></div>")


def head(a, extra=""):
    return (f"<!DOCTYPE html>\n<html lang=\"{a['lang']}\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(a['title'])} | Example News</title>"
            f"<meta property=\"og:title\" content=\"{esc(a['title'])}\">"
            f"<meta property=\"article:published_time\" content=\"{a['date']}T09:30:00Z\">{extra}</head>\n")


def t_news(a, c):
    return head(a) + f"""<body>
{cookie_banner(c)}
<header class="site-header"><a class="logo" href="/">Example News</a>{nav(c)}</header>
<main>
<article class="story">
<h1>{esc(a['title'])}</h1>
<div class="byline">By Staff Reporter</div>
<time datetime="{a['date']}">{a['date']}</time>
<div class="article-body">
{paras_html(a)}
</div>
{share_bar(c)}
</article>
{related_list(c)}
</main>
<footer><p>{esc(c['rights'])}</p></footer>
</body></html>
"""


def t_blog(a, c):
    return head(a) + f"""<body class="single-post has-sidebar">
<div id="page">
<header id="masthead"><p class="site-title">A Blog on World Affairs</p>{nav(c)}</header>
<div id="content">
<main id="main">
<article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">{a['date']}</span> <span class="author">admin</span></div></header>
<div class="entry-content">
{paras_html(a)}
</div>
<footer class="entry-footer"><span class="tags-links">Tags: <a href="/t/1">diplomacy</a>, <a href="/t/2">news</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 {esc(c['comments'])}</h2>
<ol class="comment-list"><li><article class="comment-body"><p>Interesting, thanks for posting this summary.</p></article></li>
<li><article class="comment-body"><p>I would like to see more background on the negotiations.</p></article></li></ol>
<p class="no-comments">{esc(c['closed'])}</p></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>{esc(c['related'])}</h2><ul>{''.join(f'<li><a href="/p/{i}">{esc(h)}</a></li>' for i, h in enumerate(c['headlines']))}</ul></section></aside>
</div></div></body></html>
"""


def t_wire_hashed(a, c):
    # Machine-made class names: nothing in the markup names the body.
    ps = "\n".join(f"<p class=\"sc-x12 kLsxKV\">{esc(p)}</p>" for p in lines_of(a))
    return head(a) + f"""<body><div class="sc-a1 gHjJk"><div class="sc-b2 hTyUi">{''.join(f'<a class="sc-nav" href="/{i}">{esc(m)}</a>' for i, m in enumerate(c['menu']))}</div>
<div class="sc-c3 jKlMn"><h1 class="sc-h1 aBcDe">{esc(a['title'])}</h1>
<div class="sc-d4 oPqRs"><span class="sc-e5">{a['date']}</span></div>
<div class="sc-f6 tUvWx">
{ps}
</div>
<div class="sc-g7 yZaBc"><p class="sc-x13">{esc(c['more'])} <a href="/x">{esc(c['headlines'][1])}</a></p></div>
<div class="sc-h8 dEfGh"><a href="/a">{esc(c['headlines'][0])}</a><a href="/b">{esc(c['headlines'][2])}</a></div>
</div></div></body></html>
"""


def t_richtext(a, c):
    return head(a) + f"""<body>
<a class="skip" href="#main">{esc(c['skip'])}</a>
<div class="Page">{nav(c)}
<div class="Body" id="main"><div class="Component-heading"><h1>{esc(a['title'])}</h1></div>
<div class="Component-bio">Staff writer</div>
<div class="RichTextStoryBody RichTextBody">
{paras_html(a)}
</div>
<div class="Component-ad"><span>{esc(c['ad'])}</span></div>
<div class="Component-related"><h2>{esc(c['related'])}</h2>{''.join(f'<div><a href="/r/{i}">{esc(h)}</a></div>' for i, h in enumerate(c['headlines']))}</div>
</div></div></body></html>
"""


def t_table(a, c):
    # Old-school table layout, paragraphs separated by <br><br>.
    body = "<br><br>\n".join(esc(p) for p in lines_of(a))
    return head(a) + f"""<body><table width="100%"><tr><td width="160" valign="top">
{''.join(f'<a href="/{i}">{esc(m)}</a><br>' for i, m in enumerate(c['menu']))}
</td><td valign="top"><font face="Arial"><b>{esc(a['title'])}</b><br><br>
{body}
</font><br><br><font size="1">{esc(c['rights'])}</font></td></tr></table></body></html>
"""


def t_itemprop(a, c):
    ps = lines_of(a)
    inner = (f"<p>{esc(ps[0])}</p>\n<div class=\"newsletter-signup\"><p>{esc(c['newsletter'])}</p>"
             f"<form><input type=\"email\"><button>OK</button></form></div>\n"
             + "\n".join(f"<p>{esc(p)}</p>" for p in ps[1:]))
    return head(a, '<script type="application/ld+json">{"@type":"NewsArticle","headline":"' + esc(a['title']) + '","datePublished":"' + a['date'] + '"}</script>') + f"""<body>
<div class="wrapper">{nav(c)}
<div class="content" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(a['title'])}</h1>
<div itemprop="articleBody">
{inner}
</div>
<ul class="tags"><li><a href="/t/a">Politics</a></li><li><a href="/t/b">World</a></li></ul>
</div>
{related_list(c, 'more-stories')}
</div></body></html>
"""


def t_magazine(a, c):
    ps = lines_of(a)
    return head(a) + f"""<body>
<header>{nav(c)}</header>
<article>
<h1>{esc(a['title'])}</h1>
<figure><img src="/img/1.jpg" alt=""><figcaption>Photo: Example Agency</figcaption></figure>
<section class="post-content">
{''.join(f'<p>{esc(p)}</p>' for p in ps)}
</section>
<div class="author-bio"><p>The author covers diplomacy and security for the magazine and has reported from more than thirty countries.</p></div>
<div class="paywall-note"><p>{esc(c['newsletter'])}</p></div>
</article>
<footer>{esc(c['rights'])}</footer>
</body></html>
"""


def t_press_release(a, c):
    return head(a) + f"""<body>
<div role="banner"><a href="/">Ministry</a></div>
<nav class="breadcrumb"><a href="/">{esc(c['menu'][0])}</a> &gt; <a href="/news">News</a></nav>
<main id="content" role="main">
<h1>{esc(a['title'])}</h1>
<p class="date">{a['date']}</p>
{paras_html(a)}
<div class="share-page"><p>{esc(c['share'])}:</p><a href="#">Facebook</a> <a href="#">Twitter</a></div>
</main>
<div role="contentinfo"><p>{esc(c['rights'])}</p></div>
</body></html>
"""


def t_portal(a, c):
    return head(a) + f"""<body>
<a href="#content" class="sr-only">{esc(c['skip'])}</a>
<div role="dialog" class="consent"><p>{esc(c['cookie'])}</p><button>{esc(c['accept'])}</button></div>
<div id="top">{nav(c)}</div>
<div id="wrap"><div id="left">
<div id="content"><h1>{esc(a['title'])}</h1>
<div class="text">
{paras_html(a)}
</div>
<div class="comments"><h4>{esc(c['comments'])} (1)</h4><div class="c"><b>reader77</b><p>Finally some good news from the region.</p></div></div>
</div></div>
<div id="right"><h4>Most read</h4><ol>{''.join(f'<li><a href="/m/{i}">{esc(h)}</a></li>' for i, h in enumerate(c['headlines']))}</ol></div>
</div></body></html>
"""


def t_divsoup(a, c):
    # No article, no main, no content classes: readability has to find it.
    return head(a) + f"""<body><div id="hd"><div class="logo">Example</div><div class="menu">{' '.join(f'<a href="/{i}">{esc(m)}</a>' for i, m in enumerate(c['menu']))}</div></div>
<div id="bd"><div class="col1"><div class="box">
<h2>{esc(a['title'])}</h2>
<div class="txt">
{paras_html(a)}
</div>
<div class="box-foot">{esc(c['share'])}: <a href="#">Facebook</a> | <a href="#">Twitter</a></div>
</div></div>
<div class="col2"><div class="box"><b>{esc(c['related'])}</b><br>{'<br>'.join(f'<a href="/r/{i}">{esc(h)}</a>' for i, h in enumerate(c['headlines']))}</div></div></div>
<div id="ft">{esc(c['rights'])}</div></body></html>
"""


# ------------------------------------------------- HTML pages, second round

def t_builder(a, c):
    # A page builder: every block is a "widget", the article's text too,
    # split over two sections; nothing names a container.
    body = [first_para(a)] + a["paras"][1:]
    half = max(1, len(body) // 2)
    w = "elementor-element elementor-widget"
    return head(a) + f"""<body class="page-template-default elementor-default elementor-page">
<div class="elementor elementor-location-header"><div class="elementor-widget-wrap">
<div class="{w} elementor-widget-nav-menu"><div class="elementor-widget-container">{nav(c)}</div></div>
</div></div>
<div class="elementor elementor-2207"><div class="elementor-section-wrap">
<section class="elementor-section elementor-top-section"><div class="elementor-column"><div class="elementor-widget-wrap">
<div class="{w} elementor-widget-heading"><div class="elementor-widget-container"><h1 class="elementor-heading-title">{esc(a['title'])}</h1></div></div>
<div class="{w} elementor-widget-text-editor"><div class="elementor-widget-container">
{paras_html(a, paras=body[:half])}
</div></div>
</div></div></section>
<section class="elementor-section elementor-top-section"><div class="elementor-column"><div class="elementor-widget-wrap">
<div class="{w} elementor-widget-text-editor"><div class="elementor-widget-container">
{paras_html(a, paras=body[half:])}
</div></div>
<div class="{w} elementor-widget-share-buttons"><div class="elementor-widget-container"><a href="#fb">Facebook</a> <a href="#tw">Twitter</a></div></div>
</div></div></section>
<section class="elementor-section"><div class="elementor-column"><div class="elementor-widget-wrap">
<div class="{w} elementor-widget-posts"><div class="elementor-widget-container"><h4>{esc(c['related'])}</h4><ul>{''.join(f'<li><a href="/p/{i}">{esc(h)}</a></li>' for i, h in enumerate(c['headlines']))}</ul></div></div>
</div></div></section>
</div></div>
<div class="elementor elementor-location-footer"><p>{esc(c['rights'])}</p></div>
</body></html>
"""


def t_blogger(a, c):
    # A Blogger post: the post sits in a "widget Blog", its paragraphs
    # separated by <br><br> rather than marked up.
    parts, items = [], []
    for p in [first_para(a)] + a["paras"][1:]:
        if item(p):
            items.append(f"<li>{esc(plain(p))}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(esc(p) + "<br /><br />")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    text = "\n".join(parts)
    return head(a) + f"""<body class="loading variant-simple">
<div class="navbar section" id="navbar"><div class="widget Navbar" id="Navbar1"><a href="/">Blogger</a></div></div>
<div class="content-outer"><div class="main-inner"><div class="columns">
<div class="column-center-inner"><div class="main section" id="main">
<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed"><div class="date-outer">
<h2 class="date-header"><span>{a['date']}</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">{esc(a['title'])}</h3>
<div class="post-body entry-content" id="post-body-7731">
{text}
</div>
<div class="post-footer"><span class="post-author">Posted by Editor</span> <span class="post-labels">Labels: <a href="/l/1">news</a></span></div>
</div></div></div></div>
</div></div>
<div class="column-right-inner"><div class="sidebar section"><div class="widget PopularPosts" id="PopularPosts1"><h2>Popular posts</h2><ul>{''.join(f'<li><a href="/p/{i}">{esc(h)}</a></li>' for i, h in enumerate(c['headlines']))}</ul></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Archive</h2><ul><li><a href="/2023">2023</a></li><li><a href="/2022">2022</a></li><li><a href="/2021">2021</a></li></ul></div></div></div>
</div></div></div>
</body></html>
"""


def t_noscript(a, c):
    # The page is drawn by script; only <noscript> holds the article. The
    # page declares latin-1 but is saved as UTF-8, as many are.
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{esc(a['title'])} | Example News</title>
<meta property="og:title" content="{esc(a['title'])}">
<meta property="article:published_time" content="{a['date']}T09:30:00Z">
<script>window.__STATE__ = {{"route": "/story", "items": [1, 2, 3]}};</script></head>
<body><div id="root"></div>
<noscript><div class="story">
<h1>{esc(a['title'])}</h1>
{paras_html(a)}
<p>Please enable JavaScript to see the comments.</p>
</div></noscript>
<script src="/static/app.js"></script>
</body></html>
"""


def t_bem(a, c):
    # BEM classes; the standfirst sits in the header above the body
    # container; a picture caption with its credit and a read-also line in
    # the body. "--has-ad" says what a section has, not what it is.
    agency = agency_of(a["dateline"]) or "Example"
    return head(a) + f"""<body class="c-page c-page--article">
<header class="c-site-header">{nav(c)}</header>
<main class="c-main">
<section class="o-section o-section--has-ad">
<div class="c-article-head"><span class="c-article-head__kicker">{esc(c['menu'][1])}</span>
<h1 class="c-article-head__title">{esc(a['title'])}</h1>
<p class="c-article-head__text">{esc(first_para(a))}</p></div>
</section>
<section class="o-section o-section--article">
<div class="article-body">
<figure class="c-media"><img src="/img/2.jpg" alt=""><div class="c-media__caption">{esc(c['headlines'][1])}. © {agency}/Example</div></figure>
{paras_html(a, paras=a['paras'][1:])}
<p><strong>{esc(c['more'])}</strong> <a href="/s/9">{esc(c['headlines'][2])}</a></p>
</div>
</section>
</main>
<footer class="c-footer">{esc(c['rights'])}</footer>
</body></html>
"""


def t_twocol(a, c):
    # No content markup; the lead stands alone in the left column, the rest
    # of the story in the right one.
    return head(a) + f"""<body><div id="page"><div id="top">{' '.join(f'<a href="/{i}">{esc(m)}</a>' for i, m in enumerate(c['menu']))}</div>
<div class="row"><div class="col-l">
<h1>{esc(a['title'])}</h1>
<p>{esc(first_para(a))}</p>
<div class="info"><a href="/a">{esc(c['headlines'][0])}</a></div>
</div>
<div class="col-r">
{paras_html(a, paras=a['paras'][1:])}
</div></div>
<div class="row"><div class="col-l"><p><a href="/b">{esc(c['headlines'][1])}</a></p></div></div>
<div id="bottom">{esc(c['rights'])}</div></div></body></html>
"""


def t_consent(a, c):
    # A consent layer and reader comments, each longer than the article.
    consent = "".join(f"<p>{esc(c['cookie'])} {esc(c['newsletter'])} {esc(h)}.</p>" for h in c["headlines"])
    comments = "".join(f"<div class=\"user-comments__item\"><b>reader{i}</b><p>{esc(h)}. {esc(c['cookie'])} {esc(h)}.</p></div>"
                       for i, h in enumerate(c["headlines"] * 2))
    return head(a) + f"""<body>
<div class="consent-layer"><div class="consent-layer__text">{consent}</div><button>{esc(c['accept'])}</button></div>
<div class="site">{nav(c)}
<article class="news"><h1>{esc(a['title'])}</h1>
<div class="news__text">
{paras_html(a)}
</div></article>
<section class="user-comments"><h3>{esc(c['comments'])}</h3>{comments}</section>
</div></body></html>
"""


TEMPLATES = [t_news, t_blog, t_wire_hashed, t_richtext, t_table, t_itemprop, t_magazine, t_press_release, t_portal, t_divsoup]
TEMPLATES2 = [t_builder, t_blogger, t_noscript, t_bem, t_twocol, t_consent]


def main():
    arts = [load(os.path.join(CORPUS, "articles", f)) for f in sorted(os.listdir(os.path.join(CORPUS, "articles")))]
    # Articles with lists come last, so that adding them leaves the others'
    # templates as they were.
    arts = [a for a in arts if not any(map(item, a["paras"]))] + [a for a in arts if any(map(item, a["paras"]))]
    rnd = random.Random(7)
    for sub in ("html", "text"):
        os.makedirs(os.path.join(CORPUS, sub), exist_ok=True)
    for i, a in enumerate(arts):
        c = CHROME[a["lang"]]
        for t in (TEMPLATES[i % len(TEMPLATES)], TEMPLATES2[i % len(TEMPLATES2)]):
            base = os.path.join(CORPUS, "html", f"{a['name']}.{t.__name__[2:]}")
            with open(base + ".html", "w", encoding="utf-8") as fh:
                fh.write(t(a, c))
            with open(base + ".body", "w", encoding="utf-8") as fh:
                fh.write(gold(a))
        if any(map(item, a["paras"])):
            continue
        kind = i % 8
        base = os.path.join(CORPUS, "text", f"{a['name']}.k{kind}")
        with open(base + ".txt", "w", encoding="utf-8") as fh:
            fh.write(text_page(a, kind, rnd))
        with open(base + ".body", "w", encoding="utf-8") as fh:
            fh.write(gold(a))


if __name__ == "__main__":
    main()
