"""Names for the sample city: streets, communities, districts, organisations."""

from __future__ import annotations

NS_STREETS = (
    "西环大街", "友谊大街", "光明大街", "人民大街", "解放大街",
    "建设大街", "文化大街", "胜利大街", "长江大街", "东环大街",
)
"""North–south streets, west to east."""

EW_STREETS = (
    "南环路", "黄河路", "泰山路", "和平路", "中山路",
    "新华路", "民主路", "幸福路", "北环路",
)
"""East–west streets, south to north."""

COMMUNITY_PREFIXES = (
    "阳光", "幸福", "和平", "建设", "华苑", "金色", "绿城", "锦绣", "康乐", "安居",
    "瑞祥", "欣悦", "怡景", "翠湖", "紫荆", "丽都", "滨河", "朝阳", "春晓", "盛世",
    "新城", "嘉园", "碧水", "馨园", "恒泰", "富民", "育才", "钢厂", "铁路", "电业",
)
COMMUNITY_SUFFIXES = ("花园", "家园", "小区", "新村", "苑", "里", "公寓", "名邸", "佳苑", "社区")

DISTRICTS = (
    ("D1", "西南片区"),
    ("D2", "中南片区"),
    ("D3", "东南片区"),
    ("D4", "西北片区"),
    ("D5", "老城片区"),
    ("D6", "东北片区"),
)
"""One district per trunk loop, south-west to north-east."""

HOSPITALS = ("市第一人民医院", "市中医院", "妇幼保健院", "市第三医院", "铁路医院", "儿童医院")
SCHOOLS_PREFIX = ("实验", "育英", "师大附属", "第二", "第五", "第八", "光明", "文化路", "民主路", "外国语")
SCHOOL_KINDS = ("小学", "中学", "幼儿园")
NURSING_HOMES = ("夕阳红养老院", "康宁护理院", "福寿养老中心", "颐和老年公寓", "常青养老院", "松鹤敬老院")
PUBLIC = ("区政府", "图书馆", "体育馆", "文化馆", "派出所", "社区服务中心", "档案馆", "博物馆")
COMMERCIAL = ("商厦", "写字楼", "购物中心", "酒店", "银行大厦", "商务中心", "农贸市场", "超市")
INDUSTRIAL = ("纺织厂", "食品厂", "机械厂", "制药厂")

COMPANIES = ("北城热力公司", "城东热力公司")
SOURCES = (
    ("SRC1", "北郊热电厂", "chp", 700.0),
    ("SRC2", "东区调峰锅炉房", "boiler", 280.0),
    ("SRC3", "南区调峰锅炉房", "boiler", 210.0),
)
RIVER_NAME = "民心河"
CAUSES = ("腐蚀穿孔", "焊口开裂", "补偿器泄漏", "外力破坏", "地基沉降", "阀门泄漏")
"""Break causes: corrosion, weld crack, expansion joint leak, third-party damage, settlement, valve leak."""
