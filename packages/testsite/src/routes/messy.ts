import { send, type Route } from '../http.ts';

/** A field of /messy with the exact value a browser (and htmlparser2) yields: textContent, or the decoded attribute. */
export interface MessyField {
  name: string;
  css: string;
  take: 'text' | 'attr';
  attr?: string;
  /** One value, or every match in document order. */
  expected: string | string[];
  why: string;
}

export const MESSY_FIELDS: readonly MessyField[] = [
  { name: 'title', css: 'h1.name', take: 'text', expected: 'Café & Bar — Menu', why: 'uppercase tags, named (&eacute; &amp;) and numeric (&#8212;) entities' },
  { name: 'price', css: 'span.price', take: 'text', expected: '€\u00a012,50', why: '&#8364; and &nbsp; (U+00A0 stays, it is not a plain space)' },
  { name: 'note', css: 'p.note', take: 'text', expected: 'Bold and italic text', why: 'misnested <b><i></b></i> in an unclosed <p>' },
  { name: 'dishes', css: 'ul.dishes > li', take: 'text', expected: ['Soup', 'Salad', 'Fish & Chips', 'Crème brûlée – 4 €'], why: 'unclosed <li>, a bare "&", hex entity &#x2013;' },
  { name: 'moreLink', css: 'a.more', take: 'attr', attr: 'href', expected: '/menu?lang=en&page=2', why: 'unquoted attribute value holding &amp;' },
  { name: 'logoAlt', css: 'img.logo', take: 'attr', attr: 'alt', expected: 'Café logo', why: 'single-quoted attribute with an entity, void tag without a slash' },
  { name: 'hours', css: 'table.hours td', take: 'text', expected: ['Mon', '9–17', 'Tue', '9–21'], why: 'a table without <tbody> and unclosed <tr>/<td>' },
  { name: 'address', css: 'p.address', take: 'text', expected: '12\u00a0Main St.Springfield', why: 'text around a <br> (textContent adds no newline), closed by a stray </DIV>' },
];

export const MESSY_HTML = `<!-- messy page: deliberately broken. <h1 class="name">Not the title</h1> is inside a comment -->
<!DOCTYPE html>
<HTML>
<HEAD>
<META HTTP-EQUIV=Content-Type CONTENT="text/html; charset=utf-8">
<TITLE>Messy &amp; Broken</TITLE>
<SCRIPT TYPE=text/javascript>
//<![CDATA[
var tpl = "<h1 class='name'>Not the title either</h1>";
if (1 < 2 && tpl.length > 0) { document.documentElement.className += ' js'; }
//]]>
</SCRIPT>
<STYLE>/* <p class="note">not a note</p> */ .price { font-weight: bold }</STYLE>
</HEAD>
<BODY BGCOLOR=#ffffff>
<DIV ID=wrapper CLASS=container>
<H1 CLASS=name>Caf&eacute; &amp; Bar &#8212; Menu</H1>
<IMG CLASS=logo SRC=/static/img/logo.gif ALT='Caf&eacute; logo'>
<P>Today's price: <SPAN CLASS=price>&#8364;&nbsp;12,50</SPAN>
<P CLASS=note><B>Bold <I>and italic</B> text</I><UL CLASS=dishes><LI>Soup<LI>Salad<LI>Fish & Chips<LI>Cr&egrave;me br&ucirc;l&eacute;e &#x2013; 4 &euro;</UL>
<A HREF=/menu?lang=en&amp;page=2 CLASS=more>More dishes</A>
<TABLE CLASS=hours><TR><TD>Mon<TD>9&ndash;17<TR><TD>Tue<TD>9&ndash;21</TABLE>
<P CLASS=address>12&nbsp;Main St.<BR>Springfield</DIV>
<!-- the body and html are never closed -->
`;

export const messyRoute: Route = ({ res, path }) => {
  if (path !== '/messy') return false;
  send(res, 200, MESSY_HTML);
  return true;
};
