<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../gisheat/ui/table.py" line="242"/>
        <source>Filter rows…</source>
        <translation>筛选行…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/table.py" line="244"/>
        <source>Selected only</source>
        <translation>仅显示选中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/table.py" line="374"/>
        <source>%1 of %2 rows, %3 selected</source>
        <translation>%1 / %2 行，已选 %3</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="543"/>
        <location filename="../../gisheat/ui/panels.py" line="632"/>
        <source>Click a feature on the map with the Identify tool.</source>
        <translation>使用识别工具在地图上点击要素。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="550"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="550"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="555"/>
        <source>Everything under the click</source>
        <translation>点击处的所有要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="558"/>
        <source>Double-click a value to change it.</source>
        <translation>双击某个值即可修改。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="682"/>
        <source>Geometry length (m)</source>
        <translation>几何长度 (m)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="684"/>
        <source>Area (m²)</source>
        <translation>面积 (m²)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="691"/>
        <source>last %1</source>
        <translation>最近 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="692"/>
        <source>Recorded breaks</source>
        <translation>历史爆管次数</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="152"/>
        <source>Move layer up</source>
        <translation>上移图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="153"/>
        <source>Move layer down</source>
        <translation>下移图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="154"/>
        <location filename="../../gisheat/ui/panels.py" line="316"/>
        <source>Layer style…</source>
        <translation>图层样式…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="155"/>
        <location filename="../../gisheat/ui/panels.py" line="317"/>
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="231"/>
        <source>zoom in</source>
        <translation>请放大</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="232"/>
        <source>from 1:%1</source>
        <translation>1:%1 起显示</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="235"/>
        <source>hidden: too many symbols at this scale, zoom in</source>
        <translation>已隐藏：此比例尺下符号过多，请放大</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="237"/>
        <source>hidden at this scale (shown from 1:%1)</source>
        <translation>此比例尺下隐藏（1:%1 起显示）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="253"/>
        <source>Line width by DN</source>
        <translation>线宽（按管径）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="268"/>
        <source>Abandoned or planned (dashed)</source>
        <translation>废弃或规划（虚线）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="319"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="157"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="159"/>
        <location filename="../../gisheat/ui/main_window.py" line="275"/>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="161"/>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="251"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="252"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="253"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="254"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="255"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="257"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="259"/>
        <source>Zoom to full extent</source>
        <translation>全图显示</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="261"/>
        <source>Zoom to selection</source>
        <translation>缩放到选中要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="263"/>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="265"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="268"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="274"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="276"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="277"/>
        <source>Measure distance</source>
        <translation>测量距离</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="281"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="283"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="290"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="295"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="299"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="302"/>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="304"/>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="308"/>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="312"/>
        <source>None (offline)</source>
        <translation>无（离线）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="319"/>
        <source>天地图 key…</source>
        <translation>天地图密钥…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="320"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="331"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="334"/>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="335"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="336"/>
        <source>&amp;About gisheat</source>
        <translation>关于 gisheat(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="341"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="360"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="382"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="396"/>
        <source>Open network</source>
        <translation>打开管网文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="397"/>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="406"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="423"/>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="78"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="79"/>
        <source>is a folder, not a network file</source>
        <translation>这是一个文件夹，不是管网文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="80"/>
        <source>is an empty file, not a GeoPackage</source>
        <translation>是空文件，不是 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="81"/>
        <source>not a GeoPackage (the file is not an SQLite database)</source>
        <translation>不是 GeoPackage（该文件不是 SQLite 数据库）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="82"/>
        <source>not a readable GeoPackage (the file is damaged or truncated)</source>
        <translation>无法读取的 GeoPackage（文件已损坏或不完整）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="83"/>
        <source>not a readable GeoPackage (not a format GDAL can read)</source>
        <translation>无法读取的 GeoPackage（GDAL 无法识别的格式）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="84"/>
        <source>not a gisheat network file (no &apos;pipes&apos; layer)</source>
        <translation>不是 gisheat 管网文件（没有“pipes”图层）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="438"/>
        <source>Opened with warnings</source>
        <translation>已打开，但有警告</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="439"/>
        <source>%1 was opened, but:</source>
        <translation>%1 已打开，但是：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="457"/>
        <source>Cannot open network file</source>
        <translation>无法打开管网文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="476"/>
        <source>(unsaved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="498"/>
        <source>Save network as</source>
        <translation>管网另存为</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="498"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="511"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="517"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="543"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="584"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="584"/>
        <source>Save changes to %1 before closing?</source>
        <translation>关闭前是否保存对 %1 的修改？</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="585"/>
        <source>the network</source>
        <translation>管网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="601"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="602"/>
        <source>The language will change the next time gisheat starts.</source>
        <translation>语言将在下次启动 gisheat 时生效。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="637"/>
        <source>天地图 key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="637"/>
        <source>Your 天地图 (Tianditu) API key:</source>
        <translation>您的天地图 API 密钥：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="671"/>
        <source>Nothing selected in %1 (the active layer in the Layers panel).</source>
        <translation>在%1中未选中任何要素（图层面板中的当前图层）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="673"/>
        <source>Nothing selected: %1 is hidden at this scale or switched off; zoom in or choose another layer in the Layers panel.</source>
        <translation>未选中任何要素：%1在此比例尺下隐藏或已关闭；请放大地图，或在图层面板中选择其他图层。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="703"/>
        <source>Selected: %1</source>
        <translation>已选择：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="704"/>
        <source>Nothing selected</source>
        <translation>未选择要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="751"/>
        <source>Distance: %1</source>
        <translation>距离：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="769"/>
        <location filename="../../gisheat/ui/main_window.py" line="772"/>
        <source>gisheat</source>
        <translation>gisheat</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="779"/>
        <source>About gisheat</source>
        <translation>关于 gisheat</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/main_window.py" line="780"/>
        <source>gisheat — desktop GIS for district-heating networks: map, isolation, valve segments, criticality and renewal planning.</source>
        <translation>gisheat —— 集中供热管网桌面 GIS：地图、停热关阀分析、阀门分段、管段重要性与老旧管网改造规划。</translation>
    </message>
</context>
<context>
    <name>MapLayer</name>
    <message>
        <location filename="../../gisheat/ui/map/layers.py" line="973"/>
        <source>no value</source>
        <translation>无值</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../gisheat/ui/search.py" line="106"/>
        <source>Search id, name, address…</source>
        <translation>搜索编号、名称、地址…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/search.py" line="148"/>
        <source>No match for %1</source>
        <translation>没有找到 %1</translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="363"/>
        <source>Style of %1</source>
        <translation>%1 的样式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="365"/>
        <source>Single symbol</source>
        <translation>单一符号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="366"/>
        <source>Categorised</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="367"/>
        <source>Graduated</source>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="370"/>
        <source>Yellow to red</source>
        <translation>黄到红</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="370"/>
        <source>Green to red</source>
        <translation>绿到红</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="371"/>
        <source>Blues</source>
        <translation>蓝色系</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="371"/>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="373"/>
        <source>Reverse colours</source>
        <translation>反转颜色</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="377"/>
        <source>Quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="378"/>
        <source>Equal intervals</source>
        <translation>等间距</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="381"/>
        <source>Width by DN</source>
        <translation>按管径设置线宽</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="385"/>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="386"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="387"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="388"/>
        <source>Colour ramp</source>
        <translation>色带</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="390"/>
        <source>Classes</source>
        <translation>分级数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="391"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="399"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="447"/>
        <source>Valve state</source>
        <translation>阀门状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/panels.py" line="527"/>
        <source>%1 classes, not %2: the values have too few distinct levels for more.</source>
        <translation>只能分 %1 级，而非 %2 级：数值的不同取值太少。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../gisheat/ui/app.py" line="147"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/app.py" line="148"/>
        <source>Something went wrong: %1</source>
        <translation>出现错误：%1</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="50"/>
        <source>Pipe id</source>
        <translation>管段编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="51"/>
        <source>Network</source>
        <translation>管网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="52"/>
        <source>DN</source>
        <translation>管径 DN</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="53"/>
        <source>Material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="54"/>
        <source>Laying</source>
        <translation>敷设方式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="55"/>
        <source>Install year</source>
        <translation>建设年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="57"/>
        <source>Company</source>
        <translation>所属公司</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="58"/>
        <source>District</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="59"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="60"/>
        <source>Valve id</source>
        <translation>阀门编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="61"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="62"/>
        <source>Normally open</source>
        <translation>常开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="63"/>
        <source>Operable</source>
        <translation>可操作</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="64"/>
        <source>Last exercised</source>
        <translation>最近操作日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="65"/>
        <source>Source id</source>
        <translation>热源编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="66"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="67"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="68"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="69"/>
        <source>Station id</source>
        <translation>换热站编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="70"/>
        <source>Customer id</source>
        <translation>用户编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="71"/>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="72"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="73"/>
        <source>Vulnerable households</source>
        <translation>困难户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="74"/>
        <source>Heated area</source>
        <translation>供热面积</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="75"/>
        <source>Heat load</source>
        <translation>热负荷</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="76"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="77"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="78"/>
        <source>District id</source>
        <translation>片区编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="79"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="80"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="81"/>
        <source>Repair hours</source>
        <translation>抢修时长</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="82"/>
        <source>Building id</source>
        <translation>建筑编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="84"/>
        <source>Actual cost</source>
        <translation>实际费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="85"/>
        <source>Analysis computed</source>
        <translation>分析时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="86"/>
        <source>Building time constants</source>
        <translation>建筑降温时间常数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="87"/>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="88"/>
        <source>Completed on</source>
        <translation>完工日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="89"/>
        <source>Cost estimate</source>
        <translation>估算费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="90"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="91"/>
        <source>Customers without heat</source>
        <translation>停热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="92"/>
        <source>Failed pipes</source>
        <translation>故障管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="93"/>
        <source>First year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="94"/>
        <source>Hours to 18 °C</source>
        <translation>降至 18 °C 小时数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="95"/>
        <source>Hours to 18 °C (first customer)</source>
        <translation>降至 18 °C 小时数（最先用户）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="96"/>
        <source>Incident id</source>
        <translation>事故编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="97"/>
        <source>Isolation started</source>
        <translation>开始关阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="98"/>
        <source>Item id</source>
        <translation>条目编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="99"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="100"/>
        <source>Network fingerprint</source>
        <translation>管网指纹</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="101"/>
        <source>New laying</source>
        <translation>新敷设方式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="102"/>
        <source>New material</source>
        <translation>新管材</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="103"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="104"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="105"/>
        <source>Notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="106"/>
        <source>Outdoor temperature</source>
        <translation>室外温度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="107"/>
        <source>Plan id</source>
        <translation>计划编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="108"/>
        <source>Planned cost</source>
        <translation>计划费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="109"/>
        <source>Planned length</source>
        <translation>计划长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="110"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="111"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="112"/>
        <source>Renewal item</source>
        <translation>改造条目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="113"/>
        <source>Reopened at</source>
        <translation>重新开阀时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="114"/>
        <source>Replaced on</source>
        <translation>更换日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="115"/>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="116"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="117"/>
        <source>Risk removed</source>
        <translation>消除风险</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="118"/>
        <source>Role</source>
        <translation>作用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="119"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="120"/>
        <source>Tie valves opened</source>
        <translation>开启的联络阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="121"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="122"/>
        <source>Total budget</source>
        <translation>总预算</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="123"/>
        <source>Valves that failed to close</source>
        <translation>未能关闭的阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="124"/>
        <source>Visit order</source>
        <translation>巡检顺序</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="125"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="126"/>
        <source>Years</source>
        <translation>年数</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="29"/>
        <source>Pipes</source>
        <translation>管线</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="30"/>
        <source>Valves</source>
        <translation>阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="31"/>
        <source>Heat sources</source>
        <translation>热源</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="32"/>
        <source>Stations</source>
        <translation>换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="33"/>
        <source>Customers</source>
        <translation>热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="34"/>
        <source>Districts</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="35"/>
        <source>Breaks</source>
        <translation>爆管记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="36"/>
        <source>Streets</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="37"/>
        <source>Buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="38"/>
        <source>Rivers</source>
        <translation>河流</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="39"/>
        <source>Renewal plans</source>
        <translation>改造计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="40"/>
        <source>Renewal items</source>
        <translation>改造条目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="41"/>
        <source>Replaced pipes</source>
        <translation>已更换管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="42"/>
        <source>Incidents</source>
        <translation>事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="43"/>
        <source>Incident valves</source>
        <translation>事故阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="44"/>
        <source>Incident customers</source>
        <translation>事故用户</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="131"/>
        <source>Primary</source>
        <translation>一次网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="132"/>
        <source>Secondary</source>
        <translation>二次网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="133"/>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="134"/>
        <source>Abandoned</source>
        <translation>废弃</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="135"/>
        <source>Planned</source>
        <translation>规划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="136"/>
        <source>Pre-insulated, buried</source>
        <translation>预制保温直埋</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="137"/>
        <source>Concrete trench</source>
        <translation>地沟敷设</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="138"/>
        <source>Overhead</source>
        <translation>架空</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="139"/>
        <source>Buried</source>
        <translation>直埋</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="140"/>
        <source>Tunnel</source>
        <translation>综合管廊</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="141"/>
        <source>Pre-insulated steel</source>
        <translation>预制保温钢管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="142"/>
        <source>Steel</source>
        <translation>钢管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="143"/>
        <source>Ductile iron</source>
        <translation>球墨铸铁管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="144"/>
        <source>PEX</source>
        <translation>PEX 管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="145"/>
        <source>PE</source>
        <translation>PE 管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="146"/>
        <source>Gate</source>
        <translation>闸阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="147"/>
        <source>Butterfly</source>
        <translation>蝶阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="148"/>
        <source>Ball</source>
        <translation>球阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="149"/>
        <source>Globe</source>
        <translation>截止阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="150"/>
        <source>CHP plant</source>
        <translation>热电厂</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="151"/>
        <source>Boiler house</source>
        <translation>锅炉房</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="152"/>
        <source>Waste heat</source>
        <translation>工业余热</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="153"/>
        <source>Heat pump</source>
        <translation>热泵</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="154"/>
        <source>Solar</source>
        <translation>太阳能</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="155"/>
        <source>Residential</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="156"/>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="157"/>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="158"/>
        <source>Nursing home</source>
        <translation>养老院</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="159"/>
        <source>Commercial</source>
        <translation>商业</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="160"/>
        <source>Industrial</source>
        <translation>工业</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="161"/>
        <source>Public</source>
        <translation>公共建筑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="162"/>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="163"/>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="164"/>
        <source>Proposed</source>
        <translation>拟议</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="165"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="166"/>
        <source>In design</source>
        <translation>设计中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="167"/>
        <source>In construction</source>
        <translation>施工中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="168"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="169"/>
        <source>Deferred</source>
        <translation>已推迟</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="170"/>
        <source>Arterial</source>
        <translation>主干道</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="171"/>
        <source>Local</source>
        <translation>支路</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="172"/>
        <source>Open</source>
        <translation>常开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="173"/>
        <source>Normally closed</source>
        <translation>常闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="174"/>
        <source>Inoperable</source>
        <translation>无法操作</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="175"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/labels.py" line="176"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>
