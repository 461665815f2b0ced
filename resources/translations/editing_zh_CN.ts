<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AutosaveController</name>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="32"/>
        <source>Unsaved changes found</source>
        <translation>发现未保存的修改</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="33"/>
        <source>gisheat was not closed properly. A recovery copy of %1 from %2 holds changes that were never saved.</source>
        <translation>gisheat 上次未正常关闭。%1 在 %2 的恢复副本中有尚未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="35"/>
        <source>Restore them (the network opens as modified; save to keep it), or discard the recovery copy?</source>
        <translation>恢复这些修改（管网以“已修改”状态打开，保存后才会保留），还是丢弃恢复副本？</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="37"/>
        <source>Restore unsaved changes</source>
        <translation>恢复未保存的修改</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="38"/>
        <source>Discard them</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="145"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/autosave.py" line="153"/>
        <source>Unsaved changes restored from %1 — save to keep them.</source>
        <translation>已从 %1 恢复未保存的修改——请保存以保留。</translation>
    </message>
</context>
<context>
    <name>EditTool</name>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="115"/>
        <source>Draw pipe: click vertices · double-click or Enter finishes · Backspace takes back a vertex · Esc cancels</source>
        <translation>绘制管段：单击添加顶点 · 双击或回车结束 · 退格键撤回一个顶点 · Esc 取消</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="173"/>
        <source>A pipe needs at least two vertices.</source>
        <translation>管段至少需要两个顶点。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="206"/>
        <source>Move: drag a node (joined pipe ends follow), a point feature or a pipe vertex · Esc cancels</source>
        <translation>移动：拖动节点（相连的管段端点随之移动）、点要素或管段顶点 · Esc 取消</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="281"/>
        <source>Delete: click the feature outlined in red · Ctrl+Z brings it back</source>
        <translation>删除：单击红框标出的要素 · Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="298"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="325"/>
        <source>Place valve: click on a pipe · near a pipe end it sits on the end and closes the pipe clicked</source>
        <translation>放置阀门：单击管段 · 靠近管段端点时阀门放在端点上，关闭所单击的管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="334"/>
        <source>Click on a pipe to place a valve.</source>
        <translation>请单击管段放置阀门。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="362"/>
        <source>Add customer: click the end of its service pipe (snaps to pipe ends)</source>
        <translation>添加热用户：单击其入户管的末端（捕捉到管段端点）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="363"/>
        <source>Add station: click the pipe end where its primary and secondary pipes meet</source>
        <translation>添加换热站：单击一次网与二次网管段相接的端点</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/tools.py" line="364"/>
        <source>Add heat source: click the primary pipe end it feeds</source>
        <translation>添加热源：单击其供热的一次网管段端点</translation>
    </message>
</context>
<context>
    <name>EditingWorkspace</name>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="97"/>
        <source>Edit network</source>
        <translation>编辑管网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="100"/>
        <source>Edit network (Ctrl+E): switch editing on or off</source>
        <translation>编辑管网（Ctrl+E）：开启或关闭编辑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="103"/>
        <source>Draw pipe</source>
        <translation>绘制管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="104"/>
        <source>Place valve on pipe</source>
        <translation>在管段上放置阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="105"/>
        <location filename="../../gisheat/ui/editing/workspace.py" line="443"/>
        <source>Add customer</source>
        <translation>添加热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="106"/>
        <location filename="../../gisheat/ui/editing/workspace.py" line="443"/>
        <source>Add station</source>
        <translation>添加换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="107"/>
        <location filename="../../gisheat/ui/editing/workspace.py" line="444"/>
        <source>Add heat source</source>
        <translation>添加热源</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="108"/>
        <source>Move node or vertex</source>
        <translation>移动节点或顶点</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="109"/>
        <source>Delete feature</source>
        <translation>删除要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="125"/>
        <source>Delete selected features</source>
        <translation>删除所选要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="129"/>
        <source>Snap to nodes and pipes</source>
        <translation>捕捉到节点和管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="133"/>
        <source>Import data…</source>
        <translation>导入数据…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="136"/>
        <source>Export layer or result…</source>
        <translation>导出图层或结果…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="144"/>
        <location filename="../../gisheat/ui/editing/workspace.py" line="208"/>
        <source>Editing</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="162"/>
        <source>Circuit of new pipes (follows the pipe you start from)</source>
        <translation>新管段所属管网（跟随起点所在管段）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="168"/>
        <source>DN of new pipes (mm)</source>
        <translation>新管段管径 DN（毫米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="169"/>
        <source>Split pipe at the valve</source>
        <translation>在阀门处打断管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="170"/>
        <source>Also cut the pipe feature in two at a new valve. Without it the valve divides the pipe for analysis only (as SPEC allows).</source>
        <translation>放置新阀门时同时把管段要素一分为二。不勾选时，阀门仅在分析中分隔管段（规范允许）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="173"/>
        <source>New pipe:</source>
        <translation>新管段：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="210"/>
        <source>Edit mode is on: the network can be changed (Ctrl+E switches it off)</source>
        <translation>编辑模式已开启：可以修改管网（Ctrl+E 关闭）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="272"/>
        <source>Results of %1 are out of date after the edit: run the analysis again.</source>
        <translation>编辑后 %1 的结果已过期：请重新运行分析。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="300"/>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="301"/>
        <source>Edit refused</source>
        <translation>编辑被拒绝</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="317"/>
        <source>Set %1 of %2</source>
        <translation>设置 %2 的 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="320"/>
        <source>%1 of %2 set to %3.</source>
        <translation>%2 的 %1 已设为 %3。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="321"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="333"/>
        <source>New pipe: %1 network, as the pipe it starts from.</source>
        <translation>新管段：%1，与起点所在管段相同。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="341"/>
        <source>DN of the new pipe: %1 is not a whole number of millimetres</source>
        <translation>新管段管径：%1 不是整数毫米</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="357"/>
        <source>Add pipe</source>
        <translation>添加管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="360"/>
        <source>Pipe %1 added.</source>
        <translation>已添加管段 %1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="362"/>
        <source>Split at the new junction so the pipes connect: %1.</source>
        <translation>已在新连接点处打断，使管段相连：%1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="378"/>
        <source>Move node</source>
        <translation>移动节点</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="378"/>
        <source>Move vertex</source>
        <translation>移动顶点</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="379"/>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="383"/>
        <source>Moved (Ctrl+Z puts it back).</source>
        <translation>已移动（Ctrl+Z 可还原）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="397"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="401"/>
        <source>Deleted %1 (Ctrl+Z brings it back).</source>
        <translation>已删除 %1（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="403"/>
        <source>Valves that named it as their pipe: %1 — check them.</source>
        <translation>以其为所在管段的阀门：%1——请检查。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="421"/>
        <source>Delete %1 selected features</source>
        <translation>删除所选的 %1 个要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="423"/>
        <source>Deleted %1 features (Ctrl+Z brings them back).</source>
        <translation>已删除 %1 个要素（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="431"/>
        <source>Place valve on %1 and split it</source>
        <translation>在 %1 上放置阀门并打断管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="431"/>
        <source>Place valve on %1</source>
        <translation>在 %1 上放置阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="436"/>
        <source>Valve %1 placed on pipe %2.</source>
        <translation>阀门 %1 已放置在管段 %2 上。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="444"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="451"/>
        <source>%1 added; fill in its attributes in the Identify panel.</source>
        <translation>已添加 %1；请在识别面板中填写其属性。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="453"/>
        <source>%1 added away from any pipe end: it is not connected until a pipe ends there.</source>
        <translation>%1 不在任何管段端点上：在有管段接到此处之前它未连入管网。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="484"/>
        <source>Import %1 features from %2</source>
        <translation>从 %2 导入 %1 个要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="503"/>
        <source>%1 of %2 features imported into %3.</source>
        <translation>%2 个要素中的 %1 个已导入“%3”。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/workspace.py" line="506"/>
        <source>%1 left out: see the import report.</source>
        <translation>%1 个未导入：请查看导入报告。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="91"/>
        <location filename="../../gisheat/ui/editing/exporting.py" line="116"/>
        <location filename="../../gisheat/ui/editing/exporting.py" line="124"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="105"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="113"/>
        <source>As the network (%1)</source>
        <translation>与管网相同（%1）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="114"/>
        <source>WGS 84 longitude/latitude (EPSG:4326), for web maps</source>
        <translation>WGS 84 经纬度（EPSG:4326），用于网络地图</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="118"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="119"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="120"/>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="143"/>
        <source>Only the %1 selected features</source>
        <translation>仅所选的 %1 个要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="162"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="174"/>
        <source>Choose what to export and the file.</source>
        <translation>请选择要导出的内容和文件。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="191"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/exporting.py" line="192"/>
        <source>Exporting %1</source>
        <translation>正在导出 %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="114"/>
        <location filename="../../gisheat/ui/editing/importing.py" line="206"/>
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="118"/>
        <source>Shapefile, GeoJSON, GeoPackage or CSV</source>
        <translation>Shapefile、GeoJSON、GeoPackage 或 CSV</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="119"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="131"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="133"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="139"/>
        <source>e.g. EPSG:4326 (longitude/latitude) or EPSG:4547</source>
        <translation>例如 EPSG:4326（经纬度）或 EPSG:4547</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="150"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="151"/>
        <source>Layer in the file</source>
        <translation>文件中的图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="152"/>
        <source>Coordinate columns</source>
        <translation>坐标列</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="153"/>
        <source>Source CRS</source>
        <translation>源坐标系</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="155"/>
        <source>Import into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="159"/>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="159"/>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="159"/>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="165"/>
        <source>One value for all features</source>
        <translation>所有要素使用同一个值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="168"/>
        <source>DN is given in inches (convert to DN in mm: 6&quot; → DN 150)</source>
        <translation>管径以英寸给出（换算为毫米管径：6&quot; → DN 150）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="170"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="180"/>
        <source>Preview of the first rows as they will be imported</source>
        <translation>预览：前几行导入后的样子</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="185"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="207"/>
        <source>GIS data (%1);;All files (*)</source>
        <translation>GIS 数据 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="255"/>
        <source>(none: a table or WKT)</source>
        <translation>（无：表格或 WKT）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="305"/>
        <source>The file does not say its coordinate system: type it above.</source>
        <translation>文件未注明坐标系：请在上方输入。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="307"/>
        <source>Coordinates read as %1; they are reprojected to the network&apos;s %2.</source>
        <translation>坐标按 %1 读取，并重投影到管网的 %2。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="309"/>
        <source>From the file: %1; reprojected to the network&apos;s %2.</source>
        <translation>来自文件：%1；重投影到管网的 %2。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="325"/>
        <source>%1 is not a coordinate system (try EPSG:4326)</source>
        <translation>%1 不是坐标系（可试 EPSG:4326）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="366"/>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="371"/>
        <source>%1 (%2), inverted: yes becomes no</source>
        <translation>%1（%2），取反：是变为否</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="373"/>
        <source>extra field &quot;%1&quot;</source>
        <translation>附加字段“%1”</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="429"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="457"/>
        <source>Choose a file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="469"/>
        <source>Map a source field to %1, or give one value for all features.</source>
        <translation>请为 %1 指定源字段，或为所有要素给定一个值。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="482"/>
        <source>%1 features in the file.</source>
        <translation>文件中有 %1 个要素。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="484"/>
        <source>%1 of the first %2 would be left out (see the problem column).</source>
        <translation>前 %2 个中有 %1 个将不会导入（见“问题”列）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="487"/>
        <source>Some DN values look like inches (6&quot;): tick &quot;DN is given in inches&quot;.</source>
        <translation>部分管径值像是英寸（6&quot;）：请勾选“管径以英寸给出”。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="509"/>
        <source>Source row</source>
        <translation>源行</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="511"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="559"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="561"/>
        <source>%1 of %2 features imported into %3.</source>
        <translation>%2 个要素中的 %1 个已导入“%3”。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="570"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="570"/>
        <source>Why it was left out</source>
        <translation>未导入原因</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="579"/>
        <source>Left out (%1):</source>
        <translation>未导入（%1）：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="582"/>
        <source>Nothing was left out.</source>
        <translation>全部已导入。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="589"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="592"/>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="606"/>
        <location filename="../../gisheat/ui/editing/importing.py" line="620"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/importing.py" line="607"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="158"/>
        <source>%field must not be empty</source>
        <translation>%field 不能为空</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="159"/>
        <source>%field %value is not a whole number</source>
        <translation>%field %value 不是整数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="160"/>
        <source>%field %value is not a number</source>
        <translation>%field %value 不是数字</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="161"/>
        <source>%field %value is not yes or no</source>
        <translation>%field %value 不是“是”或“否”</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="162"/>
        <source>%field %value is not a date (YYYY-MM-DD)</source>
        <translation>%field %value 不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="163"/>
        <source>%field %value is not one of the allowed values</source>
        <translation>%field %value 不是允许的取值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="164"/>
        <source>%field %value is already used</source>
        <translation>%field %value 已被使用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="165"/>
        <source>%field %value is below %limit</source>
        <translation>%field %value 小于 %limit</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/attributes.py" line="166"/>
        <source>%field %value is above %limit</source>
        <translation>%field %value 大于 %limit</translation>
    </message>
</context>
<context>
    <name>Snapper</name>
    <message>
        <location filename="../../gisheat/ui/editing/snapping.py" line="165"/>
        <source>Node (end of %1)</source>
        <translation>节点（%1 的端点）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/snapping.py" line="167"/>
        <source>Vertex of %1</source>
        <translation>%1 的顶点</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/editing/snapping.py" line="169"/>
        <source>On pipe %1</source>
        <translation>在管段 %1 上</translation>
    </message>
</context>
</TS>
