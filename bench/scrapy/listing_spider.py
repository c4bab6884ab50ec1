# The same crawl as the other bench runners, for Scrapy: every pagination link, five fields per item.
# Run: scrapy runspider listing_spider.py -a start=URL -s CONCURRENT_REQUESTS=N -o items.jsonl
import scrapy


class ListingSpider(scrapy.Spider):
    name = "listing"

    def __init__(self, start=None, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response):
        for item in response.css("article.product"):
            link = item.css("h2 a")
            yield {
                "title": link.css("::text").get(default="").strip(),
                "price": float("".join(c for c in item.css(".price::text").get(default="") if c.isdigit() or c == ".") or 0),
                "rating": float(item.css(".rating::attr(data-rating)").get(default="0")),
                "category": item.css(".category::text").get(default="").strip(),
                "url": response.urljoin(link.attrib.get("href", "")),
            }
        yield from response.follow_all(css="nav.pagination a", callback=self.parse)
