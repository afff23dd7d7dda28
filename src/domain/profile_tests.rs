use super::*;

#[test]
fn a_profile_is_set_key_by_key_and_a_bad_value_names_the_accepted_ones() {
    let mut p = Profile::default();
    p.set("entity=business-associate").unwrap();
    p.set("services=portal+telehealth").unwrap();
    p.set("nprm=yes").unwrap();
    assert_eq!(p.entity, Entity::BusinessAssociate);
    assert_eq!(p.services, [Service::Portal, Service::Telehealth]);
    assert!(p.nprm);
    let before = p.clone();
    let e = p.set("entity=hospital").unwrap_err();
    assert!(
        e.contains("provider, plan, clearinghouse, business-associate, msp"),
        "{e}"
    );
    let e = p.set("services=portal+sauna").unwrap_err();
    assert!(e.contains("telehealth"), "{e}");
    let e = p.set("colour=blue").unwrap_err();
    assert!(
        e.contains("entity, size, services, nprm, msp_program"),
        "{e}"
    );
    assert!(p.set("nprm=maybe").is_err());
    assert_eq!(p, before, "nothing changed on an error");
    p.set("-service=portal").unwrap();
    assert_eq!(p.services, [Service::Telehealth]);
    p.set("services=none").unwrap();
    assert!(p.services.is_empty());
    let q = Profile::parse_list("entity=msp,size=medium,msp_program=yes").unwrap();
    assert_eq!(
        (q.entity, q.size, q.msp_program),
        (Entity::Msp, Size::Medium, true)
    );
    assert!(Profile::parse_list("entity=msp,size=huge").is_err());
}

#[test]
fn a_condition_holds_on_the_profile_and_says_why_it_does_not() {
    let ba = Condition::parse("entity:business-associate or entity:msp").unwrap();
    let mut p = Profile::default();
    assert!(!ba.holds(&p));
    assert_eq!(
        ba.why_not(),
        "applies only when the assessed organisation is a business associate, or the assessed organisation is the MSP assessing itself"
    );
    p.entity = Entity::Msp;
    assert!(ba.holds(&p));
    let not_plan = Condition::parse("not entity:plan").unwrap();
    assert!(not_plan.holds(&p));
    p.entity = Entity::Plan;
    assert!(!not_plan.holds(&p));
    let tele = Condition::parse("service:telehealth").unwrap();
    assert!(!tele.holds(&p));
    p.services.push(Service::Telehealth);
    assert!(tele.holds(&p));
    assert!(Condition::parse("nprm").unwrap().holds(&Profile {
        nprm: true,
        ..Profile::default()
    }));
    for bad in [
        "",
        "entity:hospital",
        "service:sauna",
        "colour:red",
        "nprm or",
    ] {
        assert!(Condition::parse(bad).is_err(), "{bad}");
    }
}
