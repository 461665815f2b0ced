<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompleteDialog</name>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="294"/>
        <source>Renewal completed</source>
        <translation>改造完工</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="314"/>
        <source>The pipes get the completion year as install year and the new material and laying; what they were is kept in the history of replaced pipes.</source>
        <translation>管段的敷设年份改为完工年份，材质和敷设方式改为新的；原有信息保存在“已更换管段”历史表中。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="316"/>
        <source>The actual cost is shared among the %1 pipes in proportion to their estimates.</source>
        <translation>实际费用按估算造价比例分摊到 %1 条管段。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="321"/>
        <source>Cost estimate</source>
        <translation>估算造价</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="322"/>
        <source>Actual cost</source>
        <translation>实际费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="323"/>
        <source>Completed on</source>
        <translation>完工日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="324"/>
        <source>New material</source>
        <translation>新材质</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="325"/>
        <source>New laying</source>
        <translation>新敷设方式</translation>
    </message>
</context>
<context>
    <name>HoldoutView</name>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="195"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="196"/>
        <source>The model is fitted on the breaks before these last years and scored on them</source>
        <translation>模型用这几年之前的爆管记录拟合，并用这几年的记录检验</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="197"/>
        <source>Test the failure model</source>
        <translation>检验失效模型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="199"/>
        <source>Press &apos;Test the failure model&apos; (or Run) to see how well the model predicted the breaks of the last years.</source>
        <translation>点击“检验失效模型”（或运行规划），查看模型对最近几年爆管的预测效果。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="205"/>
        <source>Ranking</source>
        <translation>排序方法</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="205"/>
        <source>Breaks caught in the riskiest 10 % of length</source>
        <translation>风险最高 10% 管长上的爆管占比</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="206"/>
        <source>Poisson deviance (lower is better)</source>
        <translation>泊松偏差（越低越好）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="215"/>
        <source>How to read this: each method ranks the pipes from riskiest down; we take the top of each list until it reaches 10 % of the network length and count how many of the breaks of the test years fell on those pipes. A method that catches more breaks in the same length would have sent the renewal money to the right pipes. &apos;Oldest first&apos; and &apos;most past breaks first&apos; are the rules used without a model.</source>
        <translation>解读：每种方法把管段按风险从高到低排序，取排名靠前、累计长度达到管网总长 10% 的管段，统计检验年份的爆管有多少发生在这些管段上。同样长度内命中爆管越多，改造资金就越能投向真正需要的管段。“管龄最老优先”和“历史爆管最多优先”是不用模型时的常用做法。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="222"/>
        <source>Test on the last</source>
        <translation>检验最近</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="236"/>
        <source>Failure model (gisheat)</source>
        <translation>失效模型（gisheat）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="236"/>
        <source>Oldest first</source>
        <translation>管龄最老优先</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="237"/>
        <source>Most past breaks per km first</source>
        <translation>每公里历史爆管最多优先</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="242"/>
        <source>The failure model could not be tested: %1</source>
        <translation>无法检验故障模型：%1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="250"/>
        <source>Fitted on the breaks of %1–%2, tested on the %3 breaks of %4–%5.</source>
        <translation>用 %1–%2 年的爆管记录拟合，用 %4–%5 年的 %3 次爆管检验。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="255"/>
        <source>%1 break records were left out (unknown pipe, pipe not in service, dated before the pipe was laid, or no date).</source>
        <translation>有 %1 条爆管记录未参与计算（管段不存在、管段未在役、日期早于敷设年份或无日期）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="258"/>
        <source>Too few break records to fit the model: it uses documented typical rates (about 0.05 breaks per km and year for new pre-insulated pipe, rising with age; trench-laid pipes worse).</source>
        <translation>爆管记录太少，无法拟合模型：采用文献中的典型失效率（新预制保温管约每公里每年 0.05 次，随管龄上升；地沟敷设管更高）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="270"/>
        <source>%1 (%2 of %3 breaks)</source>
        <translation>%1（%3 次中命中 %2 次）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="280"/>
        <source>A ranking rule predicts no numbers of breaks, so it has no deviance</source>
        <translation>排序规则不预测爆管次数，因此没有偏差值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="283"/>
        <source>No breaks in the test years: nothing to score.</source>
        <translation>检验年份没有爆管记录，无法评分。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="286"/>
        <source>The model catches more of the test years&apos; breaks than both rules: its risk ranking is worth planning with.</source>
        <translation>模型命中的检验年份爆管多于两种常用规则：其风险排序可以用于制定改造计划。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="290"/>
        <source>The model does not beat both rules on these years: treat its ranking with care and check the break records.</source>
        <translation>在这些年份上模型没有同时胜过两种规则：请谨慎使用其排序，并核查爆管记录。</translation>
    </message>
</context>
<context>
    <name>NetworkThemes</name>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="251"/>
        <source>Colour pipes by</source>
        <translation>管线着色依据</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="254"/>
        <source>Customers cut off if the pipe fails</source>
        <translation>管段失效时停热的用户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="255"/>
        <source>Households cut off if the pipe fails</source>
        <translation>管段失效时停热的户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="256"/>
        <source>Heat load cut off if the pipe fails</source>
        <translation>管段失效时中断的热负荷</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="257"/>
        <source>Valve segment</source>
        <translation>阀门分段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="258"/>
        <source>Renewal risk level</source>
        <translation>更新改造风险等级</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="259"/>
        <source>Renewal risk (¥ per year)</source>
        <translation>更新改造风险（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="284"/>
        <source>Criticality of every pipe</source>
        <translation>全部管段的失效后果</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="286"/>
        <source>Valve segments</source>
        <translation>阀门分段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="288"/>
        <source>Renewal risk per pipe</source>
        <translation>各管段更新改造风险</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="269"/>
        <source>e.g. 2026–2030 base case</source>
        <translation>例如：2026–2030 基准方案</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="277"/>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="334"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="281"/>
        <source>Money available for renewals each year (construction, civil works and surface)</source>
        <translation>每年可用于改造的资金（含施工、土建和路面恢复）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="282"/>
        <source> km/yr</source>
        <translation> 公里/年</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="283"/>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="290"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="285"/>
        <source>Length the contractors can renew in one construction season (April–October); 0 = no limit</source>
        <translation>一个施工季（4–10 月）施工队伍能完成的改造长度；0 表示不限</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="287"/>
        <source>Different budget or capacity each year</source>
        <translation>各年预算或施工能力不同</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="288"/>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="353"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="288"/>
        <source>Budget (¥)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="288"/>
        <source>Capacity (km)</source>
        <translation>施工能力（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="292"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="294"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="295"/>
        <source>First year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="296"/>
        <source>Horizon</source>
        <translation>规划期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="297"/>
        <source>Budget per year</source>
        <translation>每年预算</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="298"/>
        <source>Construction capacity</source>
        <translation>施工能力</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="303"/>
        <source>Up to DN</source>
        <translation>DN 不大于</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="303"/>
        <source>¥ per metre</source>
        <translation>元/米</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="306"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="307"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="308"/>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="309"/>
        <source>Typical rates, to be replaced by your own</source>
        <translation>典型单价，请替换为本单位的单价</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="313"/>
        <source>Unit costs</source>
        <translation>改造单价</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="315"/>
        <source>Replacement of a supply + return pair per metre, civil works and surface restoration included. The first row whose DN limit is not below the pipe&apos;s DN applies.</source>
        <translation>每米供回水管（一对）的更换费用，含土建和路面恢复。按管径取第一行 DN 上限不小于该管径的单价。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="329"/>
        <source>Shorter groups of pipes are merged with a neighbouring project</source>
        <translation>长度不足的管段组并入相邻项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="333"/>
        <source>Longer runs of one street are cut into projects of about this length</source>
        <translation>同一街道上较长的管段被切分为约此长度的项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="336"/>
        <source>Neighbouring pipes installed further apart than this are separate projects: a recently renewed pipe is not dug up with the old one beside it</source>
        <translation>敷设年份相差超过此值的相邻管段分属不同项目：刚更新过的管段不会因旁边的老管段而被再次开挖</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="338"/>
        <source>pipe ids, e.g. P0211, S40-017</source>
        <translation>管段编号，例如 P0211, S40-017</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="339"/>
        <source>pipe ids</source>
        <translation>管段编号</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="342"/>
        <source>Pipes</source>
        <translation>管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="344"/>
        <source>Minimum project length</source>
        <translation>项目最小长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="345"/>
        <source>Maximum project length</source>
        <translation>最大项目长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="346"/>
        <source>Install years apart, at most</source>
        <translation>敷设年份最多相差</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="347"/>
        <source>Must be renewed</source>
        <translation>必须改造</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="349"/>
        <source>Must not be renewed</source>
        <translation>不得改造</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="353"/>
        <source>Street / district</source>
        <translation>道路 / 片区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="353"/>
        <source>Saving %</source>
        <translation>节省 %</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="354"/>
        <source>Closed (yrs)</source>
        <translation>禁挖（年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="356"/>
        <source>A street name or a district of the network (choose from the list or type)</source>
        <translation>道路名称或管网片区（可从列表选择或直接输入）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="357"/>
        <source>Year the street is re-paved</source>
        <translation>道路翻修的年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="358"/>
        <source>Share of the renewal cost saved by renewing in that same year (shared trench and surface)</source>
        <translation>同年改造可节省的费用比例（共用沟槽和路面）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="359"/>
        <source>Years after the re-paving during which the street may not be dug up</source>
        <translation>道路翻修后禁止开挖的年数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="366"/>
        <source>Add road works</source>
        <translation>添加道路施工</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="367"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="371"/>
        <source>Planned road works</source>
        <translation>道路施工计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="373"/>
        <source>Renewing in the year a street is re-paved shares the trench and the surface; after that the fresh surface may not be dug up for some years.</source>
        <translation>在道路翻修当年改造可共用沟槽和路面；翻修后的新路面在若干年内不得开挖。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="387"/>
        <source> ¥</source>
        <translation> 元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="389"/>
        <source>What one household below 18 °C costs the utility per degree-hour (complaints, compensation, penalties)</source>
        <translation>一户室温低于 18 °C 时，每度·小时给供热企业带来的损失（投诉、赔偿、处罚）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="393"/>
        <source>A household with elderly, sick or infant members counts this many times</source>
        <translation>有老人、病人或婴儿的困难户按此倍数计</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="396"/>
        <source>A hospital or nursing home counts as this many households</source>
        <translation>一所医院或养老院按此户数计</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="397"/>
        <source> ¥/kWh</source>
        <translation> 元/千瓦时</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="399"/>
        <source>Price of the heat not sold during the outage</source>
        <translation>停热期间少售热量的价格</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="400"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="402"/>
        <source>Repair time of a small pipe; larger DN takes longer (%1 h per 100 mm)</source>
        <translation>小管径管段的抢修时间；管径越大耗时越长（每 100 毫米加 %1 小时）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="404"/>
        <source>Consequence of a break</source>
        <translation>爆管后果</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="406"/>
        <source>Cold home, per degree-hour</source>
        <translation>住户受冻损失（每度·小时）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="407"/>
        <source>Vulnerable household counts</source>
        <translation>困难户权重</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="408"/>
        <source>Hospital, nursing home counts</source>
        <translation>医院、养老院权重</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="409"/>
        <source>Heat price</source>
        <translation>热价</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="410"/>
        <source>Repair time, small pipe</source>
        <translation>抢修时间（小管径）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="487"/>
        <source>Tick &apos;Different budget or capacity each year&apos; to edit years one by one</source>
        <translation>勾选“各年预算或施工能力不同”后可逐年编辑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="497"/>
        <source>larger</source>
        <translation>更大</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="541"/>
        <source>Unit costs, row %1: enter a DN limit and a price per metre</source>
        <translation>改造单价第 %1 行：请输入 DN 上限和每米单价</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="547"/>
        <source>Unit costs: the table needs at least one DN row</source>
        <translation>改造单价：表中至少需要一行 DN</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="549"/>
        <source>Unit costs: each DN limit may appear only once</source>
        <translation>改造单价：每个 DN 上限只能出现一次</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="551"/>
        <source>Unit costs: every price per metre must be above zero</source>
        <translation>改造单价：每米单价必须大于零</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="566"/>
        <source>Road works, row %1: enter the year</source>
        <translation>道路施工第 %1 行：请输入年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="571"/>
        <source>Road works, row %1: &apos;%2&apos; is neither a street nor a district of the network</source>
        <translation>道路施工第 %1 行：“%2”既不是管网中的道路，也不是片区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="584"/>
        <source>Budget of %1: enter a number</source>
        <translation>%1 年预算：请输入数字</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="589"/>
        <source>Capacity: give every year a capacity, or none at all (no limit)</source>
        <translation>施工能力：请为每一年都填写，或全部留空（不限）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="598"/>
        <source>Pipe %1 is listed as both &apos;must&apos; and &apos;must not&apos; be renewed</source>
        <translation>管段 %1 同时列在“必须改造”和“不得改造”中</translation>
    </message>
</context>
<context>
    <name>PipeList</name>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="232"/>
        <source>Add selected pipes</source>
        <translation>添加选中的管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="233"/>
        <source>Add the pipes selected on the map or in the attribute table</source>
        <translation>添加在地图或属性表中选中的管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="253"/>
        <source>%1 pipes</source>
        <translation>%1 条管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/parameters.py" line="253"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>PlanCharts</name>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="125"/>
        <source>Budget and planned cost per year</source>
        <translation>各年预算与计划费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="125"/>
        <source>million ¥</source>
        <translation>百万元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="126"/>
        <source>Length renewed per year</source>
        <translation>各年改造长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="126"/>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="127"/>
        <source>Pipe age at the end of the plan</source>
        <translation>规划期末管龄分布</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="127"/>
        <source>km of pipe</source>
        <translation>管长（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="128"/>
        <source>Network risk per year</source>
        <translation>各年管网风险</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="128"/>
        <source>million ¥ expected failure cost</source>
        <translation>预期失效损失（百万元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="162"/>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="164"/>
        <source>Planned cost</source>
        <translation>计划费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="175"/>
        <source>Planned km</source>
        <translation>计划长度（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="180"/>
        <source>Capacity</source>
        <translation>施工能力</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="190"/>
        <source>Pipe age in %1 (km of pipe)</source>
        <translation>%1 年管龄分布（管长，公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="196"/>
        <source>Without the plan</source>
        <translation>不实施计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="198"/>
        <source>With the plan</source>
        <translation>实施计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="202"/>
        <source>age (years)</source>
        <translation>管龄（年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="205"/>
        <source>≥ %1 years: national programme</source>
        <translation>≥ %1 年：纳入国家改造范围</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="211"/>
        <source>No install years known</source>
        <translation>没有敷设年份数据</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="216"/>
        <source>Run the planner to compare
the risk with and without this plan</source>
        <translation>运行规划后可比较
实施与不实施计划的风险</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="221"/>
        <source>Without renewal</source>
        <translation>不改造</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="222"/>
        <source>This plan</source>
        <translation>本计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="224"/>
        <source>Greedy by risk per cost</source>
        <translation>按单位费用风险贪心选择</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="227"/>
        <source>Oldest first</source>
        <translation>管龄最老优先</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="75"/>
        <source>Expected cost of failures avoided over the plan years (failure probability × consequence: customers without heat, lost heat, repair), in yuan</source>
        <translation>规划期内避免的预期失效损失（失效概率 × 后果：用户停热、热量损失、抢修费用），单位：元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="77"/>
        <source>The street the pipes run under, else the nearest street (&apos;near …&apos;)</source>
        <translation>管段所在的道路；不在道路下时为最近的道路（“…附近”）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="80"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="97"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="81"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="98"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="82"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="99"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="83"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="100"/>
        <source>District</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="84"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="101"/>
        <source>Network</source>
        <translation>管网</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="85"/>
        <source>Pipes</source>
        <translation>管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="86"/>
        <source>Length (km)</source>
        <translation>长度（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="87"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="102"/>
        <source>DN</source>
        <translation>DN</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="88"/>
        <source>Oldest pipe laid</source>
        <translation>最早敷设年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="89"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="107"/>
        <source>Cost estimate (¥)</source>
        <translation>估算造价（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="90"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="108"/>
        <source>Risk removed (¥)</source>
        <translation>降低的风险（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="91"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="109"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="92"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="110"/>
        <source>Actual cost (¥)</source>
        <translation>实际费用（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="93"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="111"/>
        <source>Completed on</source>
        <translation>完工日期</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="96"/>
        <source>Pipe</source>
        <translation>管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="103"/>
        <source>Laid in</source>
        <translation>敷设年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="104"/>
        <source>Material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="105"/>
        <source>Laying</source>
        <translation>敷设方式</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="106"/>
        <source>Length (m)</source>
        <translation>长度（米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="112"/>
        <source>Ledger item</source>
        <translation>台账条目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="132"/>
        <source>near %1</source>
        <translation>%1附近</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="157"/>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="223"/>
        <source>Save the plan to the network to track the status of its items</source>
        <translation>将计划保存到管网文件后才能跟踪各条目的状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="186"/>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="188"/>
        <source>mixed</source>
        <translation>不一致</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="219"/>
        <source>Laid recently: it is in the plan because its project groups it with older neighbours. Add it to &apos;Must not be renewed&apos; to leave it out.</source>
        <translation>新近敷设：因所在项目与相邻旧管段合并而被列入计划。可加入“不得改造”将其排除。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="225"/>
        <source>Completed: the pipe was renewed in the network. Undo (Ctrl+Z) to take it back.</source>
        <translation>已完工：管网中的管段已更新。可撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/plan_table.py" line="226"/>
        <source>Double-click to change the status</source>
        <translation>双击修改状态</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="247"/>
        <source>Planned and done per year</source>
        <translation>各年计划与完成长度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="247"/>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="248"/>
        <source>Planned cost and money spent per year</source>
        <translation>各年计划费用与实际支出</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="248"/>
        <source>million ¥</source>
        <translation>百万元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="267"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="267"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="268"/>
        <source>Planned cost</source>
        <translation>计划费用</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/charts.py" line="269"/>
        <source>Actual cost of completed works</source>
        <translation>已完工程实际费用</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="44"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="45"/>
        <source>Pipes planned</source>
        <translation>计划管段数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="46"/>
        <source>Pipes done</source>
        <translation>完成管段数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="47"/>
        <source>Planned (km)</source>
        <translation>计划（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="48"/>
        <source>Done (km)</source>
        <translation>完成（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="49"/>
        <source>Done (% of km)</source>
        <translation>完成（长度 %）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="50"/>
        <source>Planned cost (¥)</source>
        <translation>计划费用（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="51"/>
        <source>Estimate of done works (¥)</source>
        <translation>已完工程估算（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="52"/>
        <source>Actual cost of done works (¥)</source>
        <translation>已完工程实际费用（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="63"/>
        <source>Save the plan to the network to track its progress: set each project&apos;s status in the plan table as works are approved, designed, built and completed.</source>
        <translation>将计划保存到管网文件后即可跟踪进度：随着工程立项、设计、施工和完工，在计划表中修改各项目的状态。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="66"/>
        <source>Save the plan to track progress</source>
        <translation>保存计划后可跟踪进度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="70"/>
        <source>%1: %2 of %3 km done (%4 %), ¥%5 spent on completed works.</source>
        <translation>%1：已完成 %2 / %3 公里（%4%），已完工程支出 %5 元。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="75"/>
        <source>%1 completed pipes have no actual cost recorded.</source>
        <translation>有 %1 条已完工管段未记录实际费用。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/progress_view.py" line="85"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>RenewalWorkspace</name>
    <message>
        <location filename="../../gisheat/ui/renewal/__init__.py" line="32"/>
        <source>Renewal workspace</source>
        <translation>更新改造工作区</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/__init__.py" line="50"/>
        <source>Renewal workspace…</source>
        <translation>更新改造工作区…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="139"/>
        <source>The last run of the planner, or a plan saved in the network</source>
        <translation>最近一次规划结果，或已保存在管网文件中的计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="141"/>
        <source>Run planner</source>
        <translation>运行规划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="142"/>
        <source>Fit the failure model, plan the renewals within the budgets and test the model (runs in the background; cancel in the status bar)</source>
        <translation>拟合失效模型、在预算内安排改造并检验模型（后台运行，可在状态栏取消）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="145"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="557"/>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="146"/>
        <source>Keep this plan in the network&apos;s renewal ledger to track its status (File ▸ Save writes it to the file; Undo takes it back)</source>
        <translation>将本计划记入管网的改造台账以跟踪状态（“文件 ▸ 保存”写入文件；可撤销）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="150"/>
        <source>Show on map</source>
        <translation>地图显示</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="155"/>
        <source>Pipes by renewal year</source>
        <translation>按改造年份显示管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="156"/>
        <source>Pipes by status</source>
        <translation>按状态显示管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="157"/>
        <source>Pipes by risk level</source>
        <translation>按风险等级显示管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="158"/>
        <source>Pipes by risk (¥ per year)</source>
        <translation>按风险（元/年）显示管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="160"/>
        <source>Normal pipe colours</source>
        <translation>恢复常规管线颜色</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="162"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="163"/>
        <source>Excel workbook (projects, pipes, years, progress, settings) or CSV (one row per pipe)</source>
        <translation>Excel 工作簿（项目、管段、年度、进度、参数）或 CSV（每条管段一行）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="169"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="247"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="769"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="182"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="722"/>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="183"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="722"/>
        <source>Pipes</source>
        <translation>管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="190"/>
        <source>Set status of selected</source>
        <translation>设置选中项的状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="227"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="246"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="248"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="249"/>
        <source>Risk matrix</source>
        <translation>风险矩阵</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="250"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="762"/>
        <source>Risk ranking</source>
        <translation>风险排序</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="251"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="534"/>
        <source>Failure model</source>
        <translation>失效模型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="252"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="756"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="280"/>
        <source>Last run, not saved (%1–%2)</source>
        <translation>最近一次规划，未保存（%1–%2）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="310"/>
        <source>Last run (not saved)</source>
        <translation>最近一次规划（未保存）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="340"/>
        <source>No plan yet. Set the budget and the other parameters, then press &lt;b&gt;Run planner&lt;/b&gt;.</source>
        <translation>还没有计划。请设置预算等参数，然后点击&lt;b&gt;运行规划&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="343"/>
        <source>No plan yet</source>
        <translation>还没有计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="375"/>
        <source>Risk removed over the plan years: ¥%1 (greedy by risk per cost: ¥%2; oldest first: ¥%3).</source>
        <translation>规划期内降低的风险：%1 元（按单位费用风险贪心选择：%2 元；管龄最老优先：%3 元）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="381"/>
        <source>Over budget in %1.</source>
        <translation>%1 年超出预算。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="385"/>
        <source>The network was edited since this run: run again to plan on the current data.</source>
        <translation>规划后管网已被编辑：请重新运行以基于当前数据规划。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="395"/>
        <source>Status: %1.</source>
        <translation>状态：%1。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="398"/>
        <source>Not saved: press Save plan to keep it in the network and track its status.</source>
        <translation>未保存：点击“保存计划”记入管网并跟踪状态。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="406"/>
        <source>The optimiser considered the %1 of %2 candidate projects that remove the most risk per yuan (3 × the total budget) and every project the simple rules chose.</source>
        <translation>优化器考虑了 %2 个候选项目中单位费用降险最多的 %1 个（覆盖总预算的 3 倍），以及简单规则选出的全部项目。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="454"/>
        <source>reading the break history</source>
        <translation>读取爆管记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="455"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="456"/>
        <source>fitting the failure model</source>
        <translation>拟合失效模型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="457"/>
        <source>failure model fitted</source>
        <translation>失效模型已拟合</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="458"/>
        <source>building the network topology</source>
        <translation>构建管网拓扑</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="459"/>
        <source>computing who loses heat when each pipe fails</source>
        <translation>计算每条管段失效时的停热范围</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="460"/>
        <source>grouping pipes into projects</source>
        <translation>将管段合并为项目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="461"/>
        <source>planning by the simple rules</source>
        <translation>按简单规则规划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="462"/>
        <source>optimising the plan</source>
        <translation>优化计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="463"/>
        <source>plan ready</source>
        <translation>计划已完成</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="464"/>
        <source>risk per pipe</source>
        <translation>计算各管段风险</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="465"/>
        <source>risk ready</source>
        <translation>风险已算出</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="469"/>
        <source>checking the per-pipe break history</source>
        <translation>检验各管段的爆管历史</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="479"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="486"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="498"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="500"/>
        <source>Renewal plan</source>
        <translation>更新改造计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="483"/>
        <source>Planning…</source>
        <translation>正在规划…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="492"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="496"/>
        <source>The plan could not be made.</source>
        <translation>无法生成计划。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="507"/>
        <source>Plan ready: %1 projects, %2 km.</source>
        <translation>计划完成：%1 个项目，%2 公里。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="537"/>
        <source>Testing the failure model</source>
        <translation>正在检验失效模型</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="290"/>
        <source>(no plan yet)</source>
        <translation>（还没有计划）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="365"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %4 projects, %5 pipes, %6 km; cost ¥%7 of a ¥%8 budget.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%4 个项目，%5 条管段，%6 公里；费用 %7 元，预算 %8 元。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="390"/>
        <source>%1 pipes laid less than %2 years before the plan are in it because their projects group them with older neighbours (orange in the Pipes view); list them under &apos;Must not be renewed&apos; to leave them out.</source>
        <translation>有 %1 条在规划开始前不到 %2 年敷设的管段，因所在项目与相邻旧管段合并而被列入计划（在“管段”视图中以橙色显示）；可将其加入“不得改造”予以排除。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="395"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="544"/>
        <source>%1–%2, budget ¥%3</source>
        <translation>%1–%2 年，预算 %3 元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="555"/>
        <source>Save renewal plan %1</source>
        <translation>保存改造计划 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="562"/>
        <source>Saved as %1 in the network; File ▸ Save writes it to the file.</source>
        <translation>已作为 %1 记入管网；“文件 ▸ 保存”写入文件。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="583"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="600"/>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="633"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="584"/>
        <source>%1 of these pipes are completed: their pipes were renewed in the network. Undo the completion (Edit ▸ Undo) to change it.</source>
        <translation>其中 %1 条管段已完工，管网中的管段已更新。如需修改，请先撤销完工（编辑 ▸ 撤销）。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="597"/>
        <source>Set %1 renewal items to %2</source>
        <translation>将 %1 个改造条目设为%2</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="605"/>
        <source>Project %1: %2 pipes, %3 m</source>
        <translation>项目 %1：%2 条管段，%3 米</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="606"/>
        <source>%1 projects: %2 pipes, %3 m</source>
        <translation>%1 个项目：%2 条管段，%3 米</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="631"/>
        <source>Complete %1 renewal items</source>
        <translation>完工 %1 个改造条目</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="737"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="738"/>
        <source>Budget (¥)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="739"/>
        <source>Planned cost (¥)</source>
        <translation>计划费用（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="740"/>
        <source>Length (km)</source>
        <translation>长度（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="742"/>
        <source>Capacity (km)</source>
        <translation>施工能力（公里）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="745"/>
        <source>Risk without renewal (¥/yr)</source>
        <translation>不改造的风险（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="746"/>
        <source>Risk with this plan (¥/yr)</source>
        <translation>实施本计划的风险（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="747"/>
        <source>Risk, greedy by risk per cost (¥/yr)</source>
        <translation>风险，按单位费用风险贪心（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="748"/>
        <source>Risk, oldest first (¥/yr)</source>
        <translation>风险，管龄最老优先（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="752"/>
        <source>Per year</source>
        <translation>年度汇总</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="765"/>
        <source>Settings</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="769"/>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="772"/>
        <source>Network file</source>
        <translation>管网文件</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="776"/>
        <source>First year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="776"/>
        <source>Years</source>
        <translation>年数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="777"/>
        <source>Budgets (¥)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="778"/>
        <source>Capacity (km per year)</source>
        <translation>施工能力（公里/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="779"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="780"/>
        <source>Minimum project length (m)</source>
        <translation>项目最小长度（米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="781"/>
        <source>Unit costs (DN: ¥ per metre)</source>
        <translation>改造单价（DN：元/米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="783"/>
        <source>Must be renewed</source>
        <translation>必须改造</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="783"/>
        <source>Must not be renewed</source>
        <translation>不得改造</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="784"/>
        <source>Road works</source>
        <translation>道路施工</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="786"/>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="787"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="788"/>
        <source>Setting</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="788"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="801"/>
        <source>Export the plan</source>
        <translation>导出计划</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="802"/>
        <source>Excel workbook (*.xlsx);;CSV, one row per pipe (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，每条管段一行 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="810"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/workspace.py" line="813"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>RiskMatrixView</name>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="65"/>
        <source>Run the planner (or Analysis ▸ Colour pipes by ▸ Renewal risk) to see the risk matrix.</source>
        <translation>运行规划（或“分析 ▸ 管线着色依据 ▸ 更新改造风险”）后显示风险矩阵。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="82"/>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="91"/>
        <source>%1 or more</source>
        <translation>%1 及以上</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="83"/>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="90"/>
        <source>below %1</source>
        <translation>低于 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="96"/>
        <source>Click a cell to select its pipes on the map</source>
        <translation>点击单元格可在地图上选中对应管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="97"/>
        <source>Likelihood: chance of a break within the year</source>
        <translation>可能性：一年内发生爆管的概率</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="98"/>
        <source>Consequence of one break: customers without heat, lost heat, repair (¥)</source>
        <translation>一次爆管的后果：用户停热、热量损失、抢修（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="137"/>
        <source>1 pipe</source>
        <translation>1 条管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="137"/>
        <source>%1 pipes</source>
        <translation>%1 条管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="148"/>
        <source>Likelihood %1, consequence %2: click to select these pipes on the map</source>
        <translation>可能性 %1，后果 %2：点击在地图上选中这些管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="151"/>
        <source>Risk of every pipe in %1 — %2 pipes, total expected failure cost ¥%3 per year</source>
        <translation>%1 年各管段风险 — 共 %2 条管段，预期失效损失合计每年 %3 元</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="159"/>
        <source>National renewal programme</source>
        <translation>国家老旧管网更新改造政策</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="160"/>
        <source>%1 pipes, %2 km are covered (in service 20 years or more, or with leak history): %3 km by age, %4 km by leaks, %5 km by both.</source>
        <translation>%1 条管段、%2 公里符合政策范围（运行 20 年及以上或有泄漏记录）：按年限 %3 公里，按泄漏 %4 公里，两者兼有 %5 公里。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="167"/>
        <source>Of the %1 km at high or very high risk, %2 km are covered.</source>
        <translation>高风险和极高风险的 %1 公里中，%2 公里符合政策范围。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="170"/>
        <source>The flag is shown beside the rank, not used in it.</source>
        <translation>政策标记仅供参考，不参与风险排序。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="173"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RiskRankingView</name>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="306"/>
        <source>Run the planner to rank the pipes by risk.</source>
        <translation>运行规划后按风险对管段排序。</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="309"/>
        <source>Filter: pipe id, risk level, programme…</source>
        <translation>筛选：管段编号、风险等级、改造政策…</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="311"/>
        <source>Only pipes the national programme covers</source>
        <translation>仅显示国家改造政策覆盖的管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="332"/>
        <source>20 years or more</source>
        <translation>运行 20 年及以上</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="332"/>
        <source>leak history</source>
        <translation>有泄漏记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="333"/>
        <source>20 years or more, leak history</source>
        <translation>运行 20 年及以上，有泄漏记录</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="336"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="337"/>
        <source>Pipe</source>
        <translation>管段</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="338"/>
        <source>Risk (¥/yr)</source>
        <translation>风险（元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="339"/>
        <source>Break chance this year (%)</source>
        <translation>本年爆管概率（%）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="340"/>
        <source>Consequence of a break (¥)</source>
        <translation>一次爆管后果（元）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="341"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="343"/>
        <source>Installed</source>
        <translation>敷设年份</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="344"/>
        <source>Length (m)</source>
        <translation>长度（米）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="345"/>
        <source>National programme</source>
        <translation>国家改造政策</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/risk_view.py" line="355"/>
        <source>%1 pipes ranked by risk in %2 (expected failure cost per year). %3 are covered by the national renewal programme: the flag is shown beside the rank, not used in it.</source>
        <translation>%2 年按风险（每年预期损失）排序的管段共 %1 条，其中 %3 条属于国家老旧管网改造政策范围：该标记仅列在排名旁，不参与排名。</translation>
    </message>
</context>
<context>
    <name>ThemeText</name>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="101"/>
        <location filename="../../gisheat/ui/renewal/themes.py" line="117"/>
        <source>%1 or more</source>
        <translation>%1 及以上</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="114"/>
        <source>below %1</source>
        <translation>低于 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="123"/>
        <source>not in service / not analysed</source>
        <translation>未在役 / 未分析</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="128"/>
        <source>Customers cut off if the pipe fails</source>
        <translation>管段失效时停热的用户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="129"/>
        <source>Households cut off if the pipe fails</source>
        <translation>管段失效时停热的户数</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="130"/>
        <source>Heat load cut off if the pipe fails (kW)</source>
        <translation>管段失效时中断的热负荷（kW）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="151"/>
        <source>Segment colour %1</source>
        <translation>分段颜色 %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="153"/>
        <source>Valve segments (%1)</source>
        <translation>阀门分段（%1 个）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="164"/>
        <source>¥/yr</source>
        <translation>元/年</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="167"/>
        <source>Renewal risk %1 (expected failure cost, ¥/yr)</source>
        <translation>%1 年更新改造风险（预期失效损失，元/年）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="173"/>
        <source>Risk level %1 (5 × 5 matrix)</source>
        <translation>%1 年风险等级（5 × 5 矩阵）</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="179"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="179"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="179"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="180"/>
        <source>Very high</source>
        <translation>极高</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="190"/>
        <location filename="../../gisheat/ui/renewal/themes.py" line="201"/>
        <source>not in the plan</source>
        <translation>不在计划中</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="191"/>
        <source>Renewal year — %1</source>
        <translation>改造年份 — %1</translation>
    </message>
    <message>
        <location filename="../../gisheat/ui/renewal/themes.py" line="203"/>
        <source>Renewal status — %1</source>
        <translation>改造状态 — %1</translation>
    </message>
</context>
</TS>
