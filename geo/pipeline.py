"""Articles in, resolved places and merged incidents out: the whole geo stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bordermap.geo.articles import Article
from bordermap.geo.events import Incident, extract_incidents, merge_incidents
from bordermap.geo.extract import Mention
from bordermap.geo.resolve import geoparse

__all__ = ["ArticleResult", "process_article", "iter_results", "incidents_of"]


@dataclass(slots=True)
class ArticleResult:
    """One article's resolved mentions and the incidents it reports (merged within it)."""

    article: Article
    mentions: list[Mention]
    incidents: list[Incident]


def process_article(article: Article) -> ArticleResult:
    """Geoparse one article and extract its incidents."""
    mentions = geoparse(article.text, doc=article.id, url=article.url)
    incidents = extract_incidents(article.text, mentions, doc=article.id, published=article.published,
                                  source=article.url or article.source)
    return ArticleResult(article, mentions, incidents)


def incidents_of(articles: Iterable[Article]) -> list[Incident]:
    """The incidents of every article, merged across articles.

    Articles stream through one at a time; only their incidents (a few each) are kept
    until the final merge, so memory stays bounded by the number of incidents.
    """
    pending: list[Incident] = []
    for res in iter_results(articles):
        pending.extend(res.incidents)
    return merge_incidents(pending)


def iter_results(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    """Results one article at a time (for streaming outputs such as ``places``)."""
    for art in articles:
        yield process_article(art)
