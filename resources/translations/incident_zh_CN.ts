<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoolingDialog</name>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="56"/>
        <source>Building cooling time constants</source>
        <translation>建筑降温时间常数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="60"/>
        <source>Without heat a building cools towards the outdoor temperature: T(t) = T_out + (20 °C − T_out)·e^(−t/τ). τ is larger for heavy, well-insulated buildings (40–80 h) than for light or poorly insulated ones (20–40 h). Hours to 18 °C at %1 °C outdoors:</source>
        <translation>停热后室温向室外温度下降：T(t) = T_out + (20 °C − T_out)·e^(−t/τ)。厚重、保温好的建筑 τ 较大（40–80 小时），轻质或保温差的建筑较小（20–40 小时）。室外 %1 °C 时降到 18 °C 所需小时数：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="67"/>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="67"/>
        <source>τ (hours)</source>
        <translation>τ（小时）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="67"/>
        <source>Hours to 18 °C</source>
        <translation>降至18 °C（小时）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="92"/>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
</context>
<context>
    <name>CustomerModel</name>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="38"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="38"/>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="38"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="38"/>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="39"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="39"/>
        <location filename="../../gisheat/ui/incident/customers.py" line="75"/>
        <source>Vulnerable</source>
        <translation>困难户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="39"/>
        <source>To 18 °C</source>
        <translation>降至18 °C</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="39"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="40"/>
        <source>Station</source>
        <translation>换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="40"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="40"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="73"/>
        <source>drained</source>
        <translation>泄水段内</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="73"/>
        <source>cut off</source>
        <translation>断供</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/customers.py" line="73"/>
        <source>station off</source>
        <translation>换热站停供</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="42"/>
        <source>First homes below 18 °C in %1 h</source>
        <translation>%1 小时后首批住户室温低于 18 °C</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="44"/>
        <source>First below 18 °C in %1 h: %2</source>
        <translation>%1 小时后 %2 室温首先低于 18 °C</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/cooling.py" line="46"/>
        <source>homes in %1 h</source>
        <translation>住户 %1 小时后</translation>
    </message>
</context>
<context>
    <name>IncidentController</name>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="327"/>
        <source>Isolating %1</source>
        <translation>正在分析关阀隔离：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="415"/>
        <source>Save incident %1</source>
        <translation>保存事故 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="451"/>
        <source>Incident %1: %2</source>
        <translation>事故 %1：%2</translation>
    </message>
</context>
<context>
    <name>IncidentOverlay</name>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="138"/>
        <source>Incident</source>
        <translation>事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="158"/>
        <source>Cut off (no supply)</source>
        <translation>断供（无热源）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="159"/>
        <source>Isolated (drained)</source>
        <translation>隔离段（泄水）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="163"/>
        <source>Failed pipe</source>
        <translation>故障管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="172"/>
        <source>Customers without heat</source>
        <translation>停热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="174"/>
        <source>Priority customers</source>
        <translation>优先用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="177"/>
        <source>Newly without heat</source>
        <translation>新增停热</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="179"/>
        <source>Stations without supply</source>
        <translation>停供换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="188"/>
        <source>Already closed (boundary)</source>
        <translation>边界已关阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="191"/>
        <source>Tie valves (can back-feed)</source>
        <translation>可倒供联络阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="193"/>
        <source>Tie valves opened</source>
        <translation>已开联络阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="195"/>
        <source>Fails to close</source>
        <translation>无法关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="206"/>
        <source>Crew route</source>
        <translation>班组路线</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="212"/>
        <source>Valves to close (in order)</source>
        <translation>待关阀门（按顺序）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="215"/>
        <source>New since the last run</source>
        <translation>本次新增</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/overlay.py" line="219"/>
        <source>Break</source>
        <translation>故障点</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="139"/>
        <source>Failed pipes:</source>
        <translation>故障管段：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="141"/>
        <source>click pipes on the map, or type ids</source>
        <translation>在地图上点击管段，或输入编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="142"/>
        <source>Pipe ids separated by commas; Enter runs the isolation</source>
        <translation>管段编号用逗号分隔；按回车开始关阀分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="145"/>
        <source>Click the failed pipes on the map (Shift or Ctrl adds more)</source>
        <translation>在地图上点击故障管段（按住 Shift 或 Ctrl 可添加多条）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="148"/>
        <source>Use the selected pipes (from the search box or the Select tool)</source>
        <translation>使用已选中的管段（来自搜索框或选择工具）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="151"/>
        <source>Clear the incident from the map</source>
        <translation>从地图上清除本次事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="178"/>
        <source>A pipe has failed? Choose the isolation tool and click it on the map (Shift or Ctrl adds more pipes), or type its id above. The valves to close, who loses heat and how long before homes fall below 18 °C appear here.</source>
        <translation>管道发生故障？选择关阀隔离工具并在地图上点击故障管段（按住 Shift 或 Ctrl 可添加多条），或在上方输入管段编号。需要关闭的阀门、停热用户以及室温降到 18 °C 以下的时间将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="191"/>
        <source>Outdoor temperature:</source>
        <translation>室外温度：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="200"/>
        <source>Building cooling…</source>
        <translation>建筑降温…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="201"/>
        <source>Time constants per customer category</source>
        <translation>各用户类别的降温时间常数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="224"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="318"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="351"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="555"/>
        <source>Customers</source>
        <translation>热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="224"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="319"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="225"/>
        <source>Vulnerable households</source>
        <translation>困难户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="226"/>
        <source>Heated area</source>
        <translation>供热面积</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="226"/>
        <source>Heat load</source>
        <translation>热负荷</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="227"/>
        <source>Pipe drained</source>
        <translation>泄水管长</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="227"/>
        <source>Water to drain</source>
        <translation>泄水量</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="244"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="245"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="571"/>
        <source>Record the incident in the network file (undoable; saved with the file)</source>
        <translation>把事故记录到管网文件中（可撤销；随文件保存）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="248"/>
        <source>Work order</source>
        <translation>抢修工单</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="249"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="563"/>
        <source>PDF for the crew: map, valves to close in order, reopening checklist</source>
        <translation>给抢修班组的 PDF：地图、按顺序关闭的阀门、修复后复位清单</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="250"/>
        <source>Call list</source>
        <translation>通知名单</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="251"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="564"/>
        <source>Customer notification list (CSV for Excel)</source>
        <translation>用户停热通知名单（可用 Excel 打开的 CSV）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="252"/>
        <source>Result layers</source>
        <translation>结果图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="253"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="565"/>
        <source>The isolation as GeoPackage layers (for QGIS)</source>
        <translation>关阀隔离结果导出为 GeoPackage 图层（可在 QGIS 中打开）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="264"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="264"/>
        <source>Valve</source>
        <translation>阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="264"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="331"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="265"/>
        <source>Closes pipe</source>
        <translation>所关管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="265"/>
        <source>DN</source>
        <translation>管径</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="265"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="266"/>
        <source>From previous</source>
        <translation>距上一处</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="283"/>
        <source>Filter: id, name, address, phone…</source>
        <translation>筛选：编号、名称、地址、电话…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="287"/>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="290"/>
        <source>New since the last run</source>
        <translation>本次新增</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="318"/>
        <source>Station</source>
        <translation>换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="318"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="326"/>
        <source>Normally-closed tie valves that can back-feed customers who lost supply outside the drained section. Apply one to re-run the analysis with it open.</source>
        <translation>可以为泄水管段以外的断供用户倒供的常闭联络阀。点击“应用”即按打开该阀重新分析。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="331"/>
        <source>Tie valve</source>
        <translation>联络阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="331"/>
        <source>Restores</source>
        <translation>恢复供热</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="340"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="342"/>
        <source>e.g. burst under Jianshe Road</source>
        <translation>例如：建设路下管道爆管</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="345"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="350"/>
        <source>Incident</source>
        <translation>事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="350"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="351"/>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="351"/>
        <source>Failed pipes</source>
        <translation>故障管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="352"/>
        <source>To 18 °C</source>
        <translation>降至18 °C</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="350"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="207"/>
        <source>Heat off since:</source>
        <translation>停热时间：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="211"/>
        <source>When the heat went off (the burst, or the start of planned works): the deadline counts from it</source>
        <translation>停止供热的时间（爆管时刻或计划施工开始）：抢修时限从此时起算</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="352"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="357"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="358"/>
        <source>Show this incident again (its isolation is re-run on the current network)</source>
        <translation>重新显示该事故（在当前管网上重新进行关阀分析）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="361"/>
        <source>Set status:</source>
        <translation>设置状态：</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="433"/>
        <source>No pipe is selected: find one with the search box or the Select tool, or click it with the isolation tool.</source>
        <translation>没有选中管段：请用搜索框或选择工具找到管段，或用关阀隔离工具点击它。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="449"/>
        <source>Incident %1 saved in the network (save the file to keep it)</source>
        <translation>事故 %1 已记入管网（请保存文件以保留）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="490"/>
        <source>Pipe %1 is %2, not in service: it takes no part in analysis.</source>
        <translation>管段 %1 状态为“%2”，未投入运行：不参与分析。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="494"/>
        <source>No pipe %1 in the network.</source>
        <translation>管网中没有管段 %1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="495"/>
        <source>No valve %1 in the network.</source>
        <translation>管网中没有阀门 %1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="499"/>
        <source>Pipe %1 takes no part in analysis: %2 (see gisheat validate).</source>
        <translation>管段 %1 不参与分析：%2（请运行 gisheat validate 检查）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="554"/>
        <source>Valves</source>
        <translation>阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="556"/>
        <source>Stations</source>
        <translation>换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="557"/>
        <source>Restore</source>
        <translation>倒供恢复</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="558"/>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="570"/>
        <source>The network was edited: re-run before saving</source>
        <translation>管网已被编辑：请先重新分析再保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="581"/>
        <source>New incident, not saved yet</source>
        <translation>新事故，尚未保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="583"/>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="583"/>
        <source>changed since saved</source>
        <translation>保存后有改动</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="585"/>
        <source>network edited since</source>
        <translation>之后管网有编辑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="625"/>
        <source>No customer loses heat.</source>
        <translation>没有用户停热。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="628"/>
        <source>At %1 outdoors no home falls below 18 °C.</source>
        <translation>室外 %1 时室温不会降到 18 °C 以下。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="635"/>
        <source>(by %1, heat off since %2)</source>
        <translation>（%1 前；%2 起停热）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="637"/>
        <source>at %1 outdoors</source>
        <translation>室外 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="670"/>
        <source>%1 fails to close: the valves further out are closed instead</source>
        <translation>%1 无法关闭：改为关闭更外侧的阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="674"/>
        <source>New: this valve must be closed because another one failed</source>
        <translation>新增：因另一阀门失效，需要关闭此阀</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="679"/>
        <source>Won&apos;t close</source>
        <translation>关不上</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="680"/>
        <source>The crew cannot close %1: find the next valves out and re-run</source>
        <translation>班组无法关闭 %1：查找更外侧的阀门并重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="684"/>
        <source>Closed after all</source>
        <translation>已能关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="685"/>
        <source>%1 could be closed: take it back into the plan</source>
        <translation>%1 可以关闭：重新纳入方案</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="694"/>
        <source>Fails to close: %1 (red rows)</source>
        <translation>无法关闭：%1（红色行）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="696"/>
        <source>Already closed on the boundary (leave closed): %1</source>
        <translation>边界上已关闭（保持关闭）：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="699"/>
        <source>Tie valves opened for back-feeding: %1</source>
        <translation>为倒供已打开的联络阀：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="708"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="708"/>
        <source>NE</source>
        <translation>东北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="708"/>
        <source>E</source>
        <translation>东</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="708"/>
        <source>SE</source>
        <translation>东南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="708"/>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="709"/>
        <source>SW</source>
        <translation>西南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="709"/>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="709"/>
        <source>NW</source>
        <translation>西北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="745"/>
        <source>%1 of %2 customers</source>
        <translation>显示 %1 / 共 %2 个用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="747"/>
        <source>%1 new (yellow)</source>
        <translation>新增 %1 个（黄色）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="779"/>
        <source>opened</source>
        <translation>已打开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="779"/>
        <source>%1 customers</source>
        <translation>%1 个用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="785"/>
        <source>%1 more priority</source>
        <translation>另有 %1 个重点用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="786"/>
        <source>%1 households</source>
        <translation>%1 户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="788"/>
        <source>stations %1</source>
        <translation>换热站 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="791"/>
        <source>Back on: %1</source>
        <translation>恢复供热：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="796"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="797"/>
        <source>Keep %1 closed</source>
        <translation>保持 %1 关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="800"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="801"/>
        <source>Open %1 and re-run</source>
        <translation>打开 %1 并重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="818"/>
        <source>The network was edited after this analysis: the valves and customers shown may be wrong.</source>
        <translation>分析之后管网已被编辑：显示的阀门和用户可能有误。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="819"/>
        <source>Re-run</source>
        <translation>重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="823"/>
        <source>Stale: the network was edited after %1 was analysed (%2); the lists are re-computed on the current network.</source>
        <translation>已过期：%1 分析（%2）之后管网被编辑过；列表已在当前管网上重新计算。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="831"/>
        <source>Active incident %1 also uses %2: coordinate the crews before closing or opening valves.</source>
        <translation>处理中的事故 %1 也用到 %2：开关阀门前请协调各抢修班组。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="826"/>
        <source>Save new analysis</source>
        <translation>保存新的分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="288"/>
        <source>Hospitals, nursing homes, schools</source>
        <translation>医院、养老院、学校</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="289"/>
        <source>With vulnerable households</source>
        <translation>有困难户的建筑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="568"/>
        <source>The network was edited: re-run before exporting</source>
        <translation>管网已编辑：请重新分析后再导出</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="837"/>
        <source>No valve that can be closed bounds this failure: the whole circuit must be shut down at its heat source or station.</source>
        <translation>没有可关闭的阀门能隔离此故障：必须在热源或换热站停掉整个管网回路。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="855"/>
        <source>now also close %1</source>
        <translation>现在还需关闭 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="857"/>
        <source>no longer %1</source>
        <translation>不再需要 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="858"/>
        <source>Compared with the saved analysis: %1.</source>
        <translation>与保存的分析相比：%1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="858"/>
        <location filename="../../gisheat/ui/incident/panel.py" line="892"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="860"/>
        <source>%1 fails to close</source>
        <translation>%1 无法关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="861"/>
        <source>%1 closes after all</source>
        <translation>%1 已能关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="862"/>
        <source>Tie valve %1 opened</source>
        <translation>已打开联络阀 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="863"/>
        <source>Tie valve %1 kept closed</source>
        <translation>联络阀 %1 保持关闭</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="864"/>
        <source>Failed pipes changed</source>
        <translation>故障管段已改变</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="866"/>
        <source>Re-run on the edited network</source>
        <translation>已在编辑后的管网上重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="872"/>
        <source>nothing else changes.</source>
        <translation>其他没有变化。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="872"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="875"/>
        <source>+%1 valves to close (%2)</source>
        <translation>需多关 %1 个阀门（%2）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="879"/>
        <source>%1 valves no longer needed (%2)</source>
        <translation>%1 个阀门不再需要关闭（%2）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="883"/>
        <source>+%1 customers without heat (%2 in all)</source>
        <translation>停热用户增加 %1 个（共 %2 个）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="886"/>
        <source>%1 customers get heat back (%2 still without)</source>
        <translation>%1 个用户恢复供热（仍有 %2 个停热）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="889"/>
        <source>%1 other customers affected</source>
        <translation>另有 %1 个用户受影响</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="891"/>
        <source>+%1 stations</source>
        <translation>换热站增加 %1 个</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="892"/>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="906"/>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="907"/>
        <source>stale — re-run</source>
        <translation>已过期，需重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="907"/>
        <source>current</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/panel.py" line="915"/>
        <source>The network was edited after this analysis; open it to re-run</source>
        <translation>分析之后管网被编辑过；打开即可重新分析</translation>
    </message>
</context>
<context>
    <name>IncidentStatus</name>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="39"/>
        <source>Planned</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="39"/>
        <source>Active</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/controller.py" line="40"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
</context>
<context>
    <name>IncidentWorkspace</name>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="56"/>
        <source>Incident</source>
        <translation>事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="63"/>
        <source>Isolate a pipe failure</source>
        <translation>管道故障关阀隔离</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="64"/>
        <source>Isolate a pipe failure: click the failed pipe (Shift or Ctrl adds more)</source>
        <translation>管道故障关阀隔离：点击故障管段（按住 Shift 或 Ctrl 可添加多条）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="65"/>
        <source>Incident log</source>
        <translation>事故记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="135"/>
        <source>Incident: drained and cut-off pipes</source>
        <translation>事故：泄水及断供管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="140"/>
        <source>Incident: valves to close, in crew order</source>
        <translation>事故：需关闭的阀门（按巡检顺序）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="145"/>
        <source>Incident: customers without heat, hours to 18 °C</source>
        <translation>事故：停热用户及降至 18 °C 的小时数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="156"/>
        <source>Incident — out of date, re-run</source>
        <translation>事故——已过期，请重新分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="186"/>
        <source>The network was edited after this analysis: re-run it before exporting.</source>
        <translation>本次分析后管网已被编辑：请重新分析后再导出。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="189"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="189"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 可用的 CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="190"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="191"/>
        <source>Save the work order</source>
        <translation>保存抢修工单</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="191"/>
        <source>Save the call list</source>
        <translation>保存通知名单</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="192"/>
        <source>Save the result layers</source>
        <translation>保存结果图层</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="208"/>
        <location filename="../../gisheat/ui/incident/__init__.py" line="211"/>
        <source>Cannot write</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/__init__.py" line="213"/>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
</context>
<context>
    <name>WorkOrder</name>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="74"/>
        <source>Customer id</source>
        <translation>用户编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="74"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="452"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="74"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="453"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="75"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="75"/>
        <source>Station</source>
        <translation>换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="75"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="447"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="452"/>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="76"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="388"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="448"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="76"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="389"/>
        <source>Vulnerable households</source>
        <translation>困难户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="77"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="447"/>
        <source>Hours to 18 °C</source>
        <translation>降至18 °C（小时）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="77"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="82"/>
        <source>in the drained section</source>
        <translation>位于泄水管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="82"/>
        <source>cut off from supply</source>
        <translation>与热源断开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="83"/>
        <source>its station lost supply</source>
        <translation>所属换热站停供</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="187"/>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>NE</source>
        <translation>东北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>E</source>
        <translation>东</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>SE</source>
        <translation>东南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="347"/>
        <source>SW</source>
        <translation>西南</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="348"/>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="348"/>
        <source>NW</source>
        <translation>西北</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="362"/>
        <source>unsaved incident</source>
        <translation>未保存的事故</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="363"/>
        <source>Work order — pipe failure isolation</source>
        <translation>抢修工单 —— 管道故障关阀隔离</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="365"/>
        <source>printed %1</source>
        <translation>打印于 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="367"/>
        <source>Failed pipes: %1</source>
        <translation>故障管段：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="367"/>
        <source>near %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="370"/>
        <source>Heat off since: %1</source>
        <translation>停热开始：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="371"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="378"/>
        <source>(by %1)</source>
        <translation>（%1 前）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="380"/>
        <source>at %1 outdoors</source>
        <translation>室外 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="383"/>
        <source>No valve that can be closed bounds this failure: the whole circuit must be shut down at its heat source or station.</source>
        <translation>没有可关闭的阀门能隔离此故障：必须在热源或换热站停掉整个管网回路。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="386"/>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="388"/>
        <source>Customers without heat</source>
        <translation>停热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="390"/>
        <source>Heated area</source>
        <translation>供热面积</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="390"/>
        <source>Heat load</source>
        <translation>热负荷</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="391"/>
        <source>Pipe drained</source>
        <translation>泄水管长</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="392"/>
        <source>Water to drain and refill</source>
        <translation>泄水及补水量</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="393"/>
        <source>Stations without supply</source>
        <translation>停供换热站</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="397"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="397"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="401"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="403"/>
        <source>Red: drained section; orange dashed: cut off; numbered: valves to close in order; blue dashed: crew route.</source>
        <translation>红色：泄水管段；橙色虚线：断供；带编号：按顺序关闭的阀门；蓝色虚线：班组路线。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="406"/>
        <source>1. Close these valves, in this order</source>
        <translation>1. 按以下顺序关闭阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="412"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="429"/>
        <source>Valve</source>
        <translation>阀门</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="412"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="429"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="412"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="430"/>
        <source>Closes pipe</source>
        <translation>所关管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="413"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="430"/>
        <source>X / Y (m)</source>
        <translation>X / Y（米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="413"/>
        <source>DN</source>
        <translation>管径</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="413"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="413"/>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="415"/>
        <source>Would not close (do not rely on them): %1</source>
        <translation>无法关闭（不能依靠）：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="418"/>
        <source>Already closed on the boundary — check they are closed and leave them: %1</source>
        <translation>边界上已关闭 —— 确认处于关闭状态并保持：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="421"/>
        <source>Open these tie valves to back-feed customers (after the valves above are closed): %1</source>
        <translation>打开以下联络阀为用户倒供（在上述阀门关闭之后）：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="424"/>
        <source>2. After the repair: put every valve back</source>
        <translation>2. 修复后：所有阀门恢复原位</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="425"/>
        <source>Valves left in the wrong position cause later outages. Refill and vent the section slowly, then work down this list and tick each valve.</source>
        <translation>阀门位置不对会造成日后停热。请缓慢补水、排气，然后逐项操作并勾选每个阀门。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="427"/>
        <source>Open fully</source>
        <translation>全开</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="427"/>
        <source>Check it is fully open; report for repair</source>
        <translation>确认全开；报修</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="428"/>
        <source>Close again (tie valve)</source>
        <translation>重新关闭（联络阀）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="429"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="429"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="430"/>
        <source>Done at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="434"/>
        <source>3. Time to cold and who to call first</source>
        <translation>3. 降温时间与优先通知</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="436"/>
        <source>Indoor temperature without heat: T(t) = T_out + (20 °C − T_out)·e^(−t/τ); hours to 18 °C = τ·ln((20 − T_out)/(18 − T_out)). Outdoor temperature: %1 °C.</source>
        <translation>停热后室温：T(t) = T_out + (20 °C − T_out)·e^(−t/τ)；降到 18 °C 的小时数 = τ·ln((20 − T_out)/(18 − T_out))。室外温度：%1 °C。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="447"/>
        <source>τ</source>
        <translation>τ</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="447"/>
        <source>Customers</source>
        <translation>热用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="452"/>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="452"/>
        <source>To 18 °C</source>
        <translation>降至18 °C</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="453"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="454"/>
        <source>%1 vulnerable households</source>
        <translation>%1 户困难户</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="462"/>
        <source>… and %1 more on the call list.</source>
        <translation>…… 另有 %1 个，见通知名单。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="463"/>
        <source>Crew leader</source>
        <translation>班组长</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="463"/>
        <source>Valves closed (time)</source>
        <translation>关阀完成（时间）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="463"/>
        <source>Valves reopened (time)</source>
        <translation>开阀完成（时间）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="530"/>
        <source>Work order %1</source>
        <translation>抢修工单 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/incident/workorder.py" line="532"/>
        <location filename="../../gisheat/ui/incident/workorder.py" line="548"/>
        <source>gisheat work order %1</source>
        <translation>gisheat 抢修工单 %1</translation>
    </message>
</context>
</TS>
