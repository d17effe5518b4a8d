// Web-page debris removed as whole lines: breadcrumbs, share and navigation links, footers and
// copyright lines, template tokens, end markers, image credits. One table, in order; the first
// rule that matches a line removes it and is named in the log. Extend it with your own rules:
// loadCorpus(folder, { debrisRules: [...defaultDebrisRules, { name, description, test }] }).

export interface DebrisContext {
  /** The kept line before this one (Simplified form), for rules about repetition. */
  previousLine?: string;
}

export interface DebrisRule {
  name: string;
  description: string;
  /** Tested against a whole line in its Simplified form, after NFKC and white-space folding. */
  test: RegExp | ((line: string, context: DebrisContext) => boolean);
}

const sentencePunctuation = /[。!?;,]/;

const navigationPhrases = [
  "分享让更多人看到", "分享到", "分享", "返回顶部", "回到顶部", "返回首页", "返回列表", "返回",
  "小字号", "中字号", "大字号", "字号", "打印本页", "打印", "关闭窗口", "关闭", "收藏本文", "收藏",
  "上一篇", "下一篇", "扫一扫", "扫码", "二维码", "微信", "微博", "朋友圈", "QQ空间", "QQ", "点赞", "在看",
  "阅读原文", "推荐阅读", "相关阅读", "相关新闻", "更多", "纠错", "举报", "评论", "关于我们", "关于",
  "首页", "手机版", "客户端", "订阅", "登录", "注册", "网站地图",
];
const navigationPattern = new RegExp(navigationPhrases.join("|"), "gu");

function isNavigationLine(line: string): boolean {
  if (line.length > 60 || !navigationPattern.test(line)) return false;
  navigationPattern.lastIndex = 0;
  return line.replace(navigationPattern, "").replace(/[\s|丨/\-–—·•:()\[\]【】<>《》\d]/gu, "") === "";
}

function isBreadcrumb(line: string): boolean {
  if (line.length > 100 || sentencePunctuation.test(line)) return false;
  if (/^(当前位置|您的位置|你的位置|所在位置|您现在的位置)\s*:/u.test(line)) return true;
  // One bare '>' between two phrases may be prose; '>>', '»', '›' or three segments are a trail.
  const segments = breadcrumbSegments(line);
  const trail = />>|»|›/.test(line) ? segments.length >= 2 : segments.length >= 3;
  return trail && segments.every((segment) => segment.length > 0 && segment.length <= 20);
}

/** The segments of a breadcrumb line (人民网>>云南频道>>时政 → 人民网, 云南频道, 时政). */
export function breadcrumbSegments(line: string): string[] {
  if (!/>>|»|›|>|→/.test(line)) return [];
  return line.split(/\s*(?:>>|»|›|>|→)\s*/u).map((segment) => segment.trim());
}

const footerKeywords =
  /版权所有|©|\(c\)\s*\d{4}|copyright|all rights reserved|icp备|icp证|公网安备|违法和不良信息举报|违法不良信息举报|不良信息举报|网站简介|联系方法|联系我们|广告服务|招聘信息|免责声明|未经授权|禁止转载|不得转载|提供技术支持$/iu;

export const defaultDebrisRules: DebrisRule[] = [
  {
    name: "breadcrumb",
    description: "navigation trail such as 人民网>>云南频道>>时政 or 当前位置: 首页 > 新闻",
    test: isBreadcrumb,
  },
  {
    name: "navigation",
    description: "share and navigation links only: 分享让更多人看到, 返回顶部, 小字号, 打印, 关闭窗口 …",
    test: isNavigationLine,
  },
  {
    name: "footer",
    description: "copyright and site footer: ©1997-2022 …, 版权所有, 网站简介 - 联系方法 …, 违法和不良信息举报, ICP备案",
    test: (line) => line.length <= 150 && footerKeywords.test(line) && (line.length <= 80 || !/。/.test(line)),
  },
  {
    name: "template-token",
    description: "stray template or script tokens: a line that is just Array, undefined, null, [object Object], {{ … }}",
    test: /^(?:Array|Object|undefined|null|NaN|\[object Object\]|\{\{.*\}\}|\{%.*%\}|\$\{.*\}|<%.*%>|<!--.*-->|&nbsp;)$/u,
  },
  {
    name: "end-marker",
    description: "end-of-article markers: -END-, —— END ——, (完), 【全文完】",
    test: /^(?:[-—–_=~*#\s]*(?:END|End|end|THE END)[-—–_=~*#\s]*|[(\[【]?\s*(?:完|全文完)\s*[)\]】]?)$/u,
  },
  {
    name: "image-credit",
    description: "image credits on a line of their own: 图片来源:…, 图源:…, 配图:…, 视频截图",
    test: /^(?:[(【]\s*)?(?:图片来源|图源|配图|图片提供|视频来源|视频截图|资料图)(?:\s*:.{0,30})?(?:\s*[)】])?$/u,
  },
  {
    name: "duplicate-line",
    description: "a line repeated right after itself (photo captions printed twice)",
    test: (line, context) => line.length >= 8 && line === context.previousLine,
  },
];

/** The first rule that removes this line, if any. */
export function matchDebrisRule(line: string, rules: DebrisRule[], context: DebrisContext): DebrisRule | undefined {
  for (const rule of rules) {
    if (rule.test instanceof RegExp) {
      rule.test.lastIndex = 0;
      if (rule.test.test(line)) return rule;
    } else if (rule.test(line, context)) return rule;
  }
  return undefined;
}

/** Short lines without sentence punctuation, as footers are made of. */
export function isNonSentenceLine(line: string): boolean {
  return line.length <= 60 && !/[。!?,;]/.test(line);
}
