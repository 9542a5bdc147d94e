/**
 * The XML parts of the blank spreadsheet and presentation packages (see generate-templates.ts):
 * the smallest sets each format requires (ECMA-376 Part 1 for XLSX and PPTX: a workbook with one
 * sheet and its styles; a presentation with one master, one blank layout, one theme and one empty
 * slide — ODF 1.3 for ODS and ODP: one table; one page on one master page).
 */
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";
const NS_P =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  `xmlns:r="${REL}" ` +
  'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

function relationships(items: Array<[id: string, type: string, target: string]>): string {
  const rels = items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`);
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

function contentTypes(overrides: Array<[part: string, type: string]>): string {
  const items = overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`);
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `${items.join("")}</Types>`
  );
}

const SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export const XLSX_PARTS = [
  {
    name: "[Content_Types].xml",
    data: contentTypes([
      ["/xl/workbook.xml", `${CT}.spreadsheetml.sheet.main+xml`],
      ["/xl/worksheets/sheet1.xml", `${CT}.spreadsheetml.worksheet+xml`],
      ["/xl/styles.xml", `${CT}.spreadsheetml.styles+xml`],
    ]),
  },
  { name: "_rels/.rels", data: relationships([["rId1", "officeDocument", "xl/workbook.xml"]]) },
  {
    name: "xl/workbook.xml",
    data: `${XML}<workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${REL}"><sheets><sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  },
  {
    name: "xl/_rels/workbook.xml.rels",
    data: relationships([
      ["rId1", "worksheet", "worksheets/sheet1.xml"],
      ["rId2", "styles", "styles.xml"],
    ]),
  },
  { name: "xl/worksheets/sheet1.xml", data: `${XML}<worksheet xmlns="${SPREADSHEET_NS}"><sheetData/></worksheet>` },
  {
    name: "xl/styles.xml",
    data:
      `${XML}<styleSheet xmlns="${SPREADSHEET_NS}">` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>",
  },
];

const EMPTY_TREE =
  '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>' +
  '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr></p:spTree>';

const solidFill = (colour: string) => `<a:solidFill><a:schemeClr val="${colour}"/></a:solidFill>`;
const line = (width: number) => `<a:ln w="${width}">${solidFill("phClr")}</a:ln>`;

const THEME =
  `${XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Portail">` +
  "<a:themeElements>" +
  '<a:clrScheme name="Portail">' +
  '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
  '<a:dk2><a:srgbClr val="1F2937"/></a:dk2><a:lt2><a:srgbClr val="F3F4F6"/></a:lt2>' +
  '<a:accent1><a:srgbClr val="0B5394"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>' +
  '<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>' +
  '<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>' +
  '<a:hlink><a:srgbClr val="0B5394"/></a:hlink><a:folHlink><a:srgbClr val="5B2C6F"/></a:folHlink>' +
  "</a:clrScheme>" +
  '<a:fontScheme name="Portail">' +
  '<a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>' +
  '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>' +
  "</a:fontScheme>" +
  '<a:fmtScheme name="Portail">' +
  `<a:fillStyleLst>${solidFill("phClr").repeat(3)}</a:fillStyleLst>` +
  `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
  "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
  `<a:bgFillStyleLst>${solidFill("phClr").repeat(3)}</a:bgFillStyleLst>` +
  "</a:fmtScheme>" +
  "</a:themeElements></a:theme>";

export const PPTX_PARTS = [
  {
    name: "[Content_Types].xml",
    data: contentTypes([
      ["/ppt/presentation.xml", `${CT}.presentationml.presentation.main+xml`],
      ["/ppt/slideMasters/slideMaster1.xml", `${CT}.presentationml.slideMaster+xml`],
      ["/ppt/slideLayouts/slideLayout1.xml", `${CT}.presentationml.slideLayout+xml`],
      ["/ppt/slides/slide1.xml", `${CT}.presentationml.slide+xml`],
      ["/ppt/theme/theme1.xml", `${CT}.theme+xml`],
    ]),
  },
  { name: "_rels/.rels", data: relationships([["rId1", "officeDocument", "ppt/presentation.xml"]]) },
  {
    name: "ppt/presentation.xml",
    data:
      `${XML}<p:presentation ${NS_P}>` +
      '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>' +
      '<p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>' +
      '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>' +
      "</p:presentation>",
  },
  {
    name: "ppt/_rels/presentation.xml.rels",
    data: relationships([
      ["rId1", "slideMaster", "slideMasters/slideMaster1.xml"],
      ["rId2", "slide", "slides/slide1.xml"],
      ["rId3", "theme", "theme/theme1.xml"],
    ]),
  },
  {
    name: "ppt/slideMasters/slideMaster1.xml",
    data:
      `${XML}<p:sldMaster ${NS_P}><p:cSld>${EMPTY_TREE}</p:cSld>` +
      '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" ' +
      'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>' +
      '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>',
  },
  {
    name: "ppt/slideMasters/_rels/slideMaster1.xml.rels",
    data: relationships([
      ["rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"],
      ["rId2", "theme", "../theme/theme1.xml"],
    ]),
  },
  {
    name: "ppt/slideLayouts/slideLayout1.xml",
    data:
      `${XML}<p:sldLayout ${NS_P} type="blank" preserve="1"><p:cSld name="Vide">${EMPTY_TREE}</p:cSld>` +
      "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
  },
  {
    name: "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
    data: relationships([["rId1", "slideMaster", "../slideMasters/slideMaster1.xml"]]),
  },
  {
    name: "ppt/slides/slide1.xml",
    data: `${XML}<p:sld ${NS_P}><p:cSld>${EMPTY_TREE}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`,
  },
  {
    name: "ppt/slides/_rels/slide1.xml.rels",
    data: relationships([["rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"]]),
  },
  { name: "ppt/theme/theme1.xml", data: THEME },
];

const ODF_XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS_OFFICE = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"';

export function ODF_MANIFEST(mimeType: string, withStyles: boolean): string {
  return (
    `${ODF_XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${mimeType}"/>` +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    (withStyles ? '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' : "") +
    "</manifest:manifest>"
  );
}

export const ODS_CONTENT =
  `${ODF_XML}<office:document-content ${NS_OFFICE} ` +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">' +
  '<office:body><office:spreadsheet><table:table table:name="Feuille1">' +
  "<table:table-column/><table:table-row><table:table-cell/></table:table-row>" +
  "</table:table></office:spreadsheet></office:body></office:document-content>";

const NS_DRAW = 'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"';

export const ODP_CONTENT =
  `${ODF_XML}<office:document-content ${NS_OFFICE} ${NS_DRAW} ` +
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3">' +
  '<office:body><office:presentation><draw:page draw:name="page1" draw:master-page-name="Standard"/>' +
  "</office:presentation></office:body></office:document-content>";

export const ODP_STYLES =
  `${ODF_XML}<office:document-styles ${NS_OFFICE} ${NS_DRAW} ` +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">' +
  '<office:automatic-styles><style:page-layout style:name="PM1">' +
  '<style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>' +
  "</style:page-layout></office:automatic-styles>" +
  '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PM1"/></office:master-styles>' +
  "</office:document-styles>";
