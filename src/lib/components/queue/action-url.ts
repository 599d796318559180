// A form action on the current page that keeps the page's query string (the queue's filters):
// `?/name` alone would drop it, and the page after the post would forget the list it came from.
export function actionUrl(url: URL, name: string): string {
	const search = new URLSearchParams(url.search);
	for (const key of [...search.keys()]) if (key.startsWith('/')) search.delete(key);
	const rest = search.toString();
	return `${url.pathname}?${rest ? `${rest}&` : ''}/${name}`;
}
