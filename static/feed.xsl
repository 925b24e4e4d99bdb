<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed opened in a browser as a readable page instead of raw XML (feed
     readers ignore it). Browsers are dropping XSLT; the site's feeds.html explains the feeds
     whatever the browser. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8"/>
<xsl:template match="/atom:feed">
<html lang="{@xml:lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="atom:title"/></title>
<style>
body { font: 16px/1.7 system-ui, "Noto Sans CJK SC", sans-serif; max-width: 42rem; margin: 0 auto; padding: 1rem; color: #1d232b; }
.about { background: #eef3f8; border-radius: .4rem; padding: .75rem 1rem; }
code { word-break: break-all; }
li { margin: .6rem 0; }
time { color: #5b6573; font-size: .9rem; margin-left: .5rem; }
</style>
</head>
<body>
<p class="about">这是订阅源（Atom）：把本页地址复制到阅读器即可订阅。This is a feed: copy this page's address into a feed reader to follow it.<br/>
<code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
<h1><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h1>
<p><xsl:value-of select="atom:subtitle"/></p>
<ul class="entries">
<xsl:for-each select="atom:entry">
<li><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
<time><xsl:value-of select="substring(atom:published, 1, 10)"/></time></li>
</xsl:for-each>
</ul>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
